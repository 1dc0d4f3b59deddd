using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NotificationAspire.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>The wiring every NotificationAspire service shares, whatever it does.</summary>
public static class ServiceDefaultsExtensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddHostedService<ExitDeadline>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Health, liveness and metrics endpoints; anonymous because probes and scrapers carry no token, so
    /// readiness and metrics stay on the management port where a service has one.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseManagementPort();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(HealthEndpoints.Metrics).AllowAnonymous().ManagementOnly();
        return app;
    }
}
