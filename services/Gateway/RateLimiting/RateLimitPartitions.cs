using System.Security.Claims;
using System.Threading.RateLimiting;
using NotificationAspire.Contracts;

namespace Gateway.RateLimiting;

/// <summary>
/// Whose budget a request spends: the calling client's (the validated token's `azp`, so every token of one client
/// shares it) or, without a valid token, the caller's IP address. An invalid token counts as none: a forged `azp`
/// must not let anyone spend, or escape, another client's budget.
/// </summary>
public static class RateLimitPartitions
{
    public const string ClientKind = "client";
    public const string AddressKind = "ip";

    public static RateLimitPartition<string> For(HttpContext context, RateLimitOptions options)
    {
        // The orchestrator's probes and the scraper must never be turned away by traffic from the same address.
        if (IsProbe(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue("azp") is { Length: > 0 } clientId)
        {
            var bucket = options.Clients.GetValueOrDefault(clientId) ?? options.Authenticated;
            return RateLimitPartition.GetTokenBucketLimiter($"{ClientKind}:{clientId}", _ => Limiter(bucket));
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter($"{AddressKind}:{address}", _ => Limiter(options.Anonymous));
    }

    private static bool IsProbe(PathString path) =>
        path.Equals(HealthEndpoints.Alive, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthEndpoints.Health, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthEndpoints.Metrics, StringComparison.OrdinalIgnoreCase);

    // No queue: a caller over budget is told when to come back instead of being held on the gateway's connection.
    private static TokenBucketRateLimiterOptions Limiter(RateLimitOptions.TokenBucket bucket) => new()
    {
        TokenLimit = bucket.TokenLimit,
        TokensPerPeriod = bucket.TokensPerPeriod,
        ReplenishmentPeriod = bucket.ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
