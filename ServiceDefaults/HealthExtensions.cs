using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationAspire.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// `/alive` says the process can serve (Kubernetes liveness); `/health` says it and everything it
/// depends on are ready (readiness), so it is management-only. Dependencies register their checks without the live tag.
/// </summary>
public static class HealthExtensions
{
    public const string LiveTag = "live";

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpoints.Health).AllowAnonymous().ManagementOnly();
        app.MapHealthChecks(HealthEndpoints.Alive, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .AllowAnonymous();
        return app;
    }
}
