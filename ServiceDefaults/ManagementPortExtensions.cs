using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using NotificationAspire.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Readiness details and metrics belong to the orchestrator and the scraper, not to whoever can reach the
/// service. When the AppHost gives a service a management port (`MANAGEMENT_PORT`), endpoints marked
/// management-only answer on that port alone and are not found on the others. The check is on the socket's
/// own port, not the Host header a caller writes.
/// </summary>
public static class ManagementPortExtensions
{
    public static TBuilder ManagementOnly<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(ManagementOnlyMetadata.Instance);

    /// <summary>Turns management-only endpoints away on every port but the management port, if there is one.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        if (!int.TryParse(app.Configuration[ManagementEndpoint.PortVariable], out var managementPort))
        {
            return app; // no separate port: a service nobody outside reaches serves them with the rest
        }
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementOnlyMetadata>() is not null
                && context.Connection.LocalPort != managementPort)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        return app;
    }

    private sealed class ManagementOnlyMetadata
    {
        public static readonly ManagementOnlyMetadata Instance = new();
    }
}
