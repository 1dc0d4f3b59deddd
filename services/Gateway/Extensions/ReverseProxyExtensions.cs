using Microsoft.AspNetCore.Http.HttpResults;
using OpenTelemetry.Trace;

namespace Gateway.Extensions;

/// <summary>
/// The route table lives in the "ReverseProxy" configuration section: one cluster per API, named like its
/// AppHost resource, with the resource name as destination address for Aspire service discovery to resolve.
/// Each route names its authorization policy, so an unauthenticated call is turned away here, not upstream.
/// </summary>
public static class ReverseProxyExtensions
{
    public const string ConfigurationSection = "ReverseProxy";
    private const string ActivitySourceName = "Yarp.ReverseProxy";

    public static IHostApplicationBuilder AddPlatformReverseProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(ConfigurationSection))
            .AddServiceDiscoveryDestinationResolver();
        // YARP's own span sits between the gateway's server span and the outgoing call in the same trace.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ActivitySourceName));
        return builder;
    }

    public static WebApplication MapPlatformReverseProxy(this WebApplication app)
    {
        app.MapReverseProxy();
        // An unknown path is not found whoever asks; without this the deny-by-default fallback policy
        // would answer 401 and send callers chasing a token problem.
        app.MapFallback("{**path}", NotFound).AllowAnonymous();
        return app;
    }

    private static ProblemHttpResult NotFound(HttpContext context) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No platform API serves {context.Request.Path}.");
}
