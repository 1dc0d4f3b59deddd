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
    public const string SessionKind = "session";
    public const string AddressKind = "ip";

    public static RateLimitPartition<string> For(HttpContext context, RateLimitOptions options)
    {
        // The orchestrator's probes and the scraper must never be turned away by traffic from the same address.
        if (IsProbe(context.Request.Path))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }
        var budget = Whose(context);
        var bucket = budget.Kind switch
        {
            SessionKind => options.Sessions,
            ClientKind => options.Clients.GetValueOrDefault(budget.Owner!) ?? options.Authenticated,
            _ => options.Anonymous,
        };
        return RateLimitPartition.GetTokenBucketLimiter($"{budget.Kind}:{budget.Owner ?? Address(context)}", _ => Limiter(bucket));
    }

    /// <summary>
    /// The kind of budget a request spends and its owner: a signed-in person's `sub`, a client's `azp`, or no owner
    /// (the caller's address). Session tokens all name the gateway as `azp`, so people are budgeted one by one.
    /// </summary>
    public static (string Kind, string? Owner) Whose(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return (AddressKind, null);
        }
        if (IsBrowserSession(context) && context.User.FindFirstValue("sub") is { Length: > 0 } person)
        {
            return (SessionKind, person);
        }
        return context.User.FindFirstValue("azp") is { Length: > 0 } clientId ? (ClientKind, clientId) : (AddressKind, null);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // The default scheme authenticated the session cookie: token callers always send an Authorization header.
    private static bool IsBrowserSession(HttpContext context) => context.Request.Headers.Authorization.Count == 0;

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
