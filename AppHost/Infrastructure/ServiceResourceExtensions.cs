using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>What every platform service gets from the AppHost, whatever it does.</summary>
public static class ServiceResourceExtensions
{
    public static IResourceBuilder<ProjectResource> WithPlatformDefaults(this IResourceBuilder<ProjectResource> service) => service
        // Connection strings and service discovery only: the extra per-property variables Aspire 13 adds
        // (DB_URI and friends) are built from values deployment tools cannot fill in.
        .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
        .WithManagementEndpoint()
        .WithHttpHealthCheck(HealthEndpoints.Health, endpointName: ManagementEndpoint.Name)
        .WithServiceSettings();

    /// <summary>
    /// Readiness and metrics on a port of their own, which no caller reaches even on an external service. The
    /// service listens on it like on its traffic port (Aspire lists both in its URLs) and learns which is which.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithManagementEndpoint(this IResourceBuilder<ProjectResource> service)
    {
        service.WithHttpEndpoint(name: ManagementEndpoint.Name);
        var management = service.GetEndpoint(ManagementEndpoint.Name);
        return service.WithEnvironment(ManagementEndpoint.PortVariable, management.Property(EndpointProperty.TargetPort));
    }

    /// <summary>
    /// The service's traffic endpoints (http, and https where published) are reachable from outside; unlike
    /// `WithExternalHttpEndpoints`, its management endpoint stays inside.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicHttpEndpoints(this IResourceBuilder<ProjectResource> service)
    {
        foreach (var endpoint in service.Resource.Annotations.OfType<EndpointAnnotation>()
                     .Where(e => e.Name != ManagementEndpoint.Name && e.UriScheme is "http" or "https"))
        {
            endpoint.IsExternal = true;
        }
        return service;
    }
}
