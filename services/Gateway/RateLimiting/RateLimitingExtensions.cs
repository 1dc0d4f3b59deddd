using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Rate limits at the edge: one global limiter, so every proxied route is covered without naming a policy on each.
/// Over budget is a 429 problem with `Retry-After` (RFC 9110 section 10.2.3) in whole seconds.
/// </summary>
public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddSingleton<RateLimitMetrics>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<RateLimitOptions>>((limiter, budgets) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartitions.For(context, budgets.CurrentValue));
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var (kind, owner) = RateLimitPartitions.Whose(context);
        // A person's id is personal data and unbounded: only client ids become a metric tag.
        context.RequestServices.GetRequiredService<RateLimitMetrics>()
            .Rejected(kind, kind == RateLimitPartitions.ClientKind ? owner : null);

        // A token bucket always knows when the next token comes; one second is the floor a client can act on.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = kind switch
                {
                    RateLimitPartitions.ClientKind => $"Client '{owner}' has spent its request budget; retry after {seconds} s.",
                    RateLimitPartitions.SessionKind => $"Your session has spent its request budget; retry after {seconds} s.",
                    _ => $"This address has spent its request budget; retry after {seconds} s.",
                },
            },
        });
    }
}
