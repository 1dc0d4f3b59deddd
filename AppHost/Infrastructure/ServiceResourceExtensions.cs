namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>What every platform service gets from the AppHost, whatever it does.</summary>
public static class ServiceResourceExtensions
{
    public static IResourceBuilder<ProjectResource> WithPlatformDefaults(this IResourceBuilder<ProjectResource> service) => service
        // Connection strings and service discovery only: the extra per-property variables Aspire 13 adds
        // (DB_URI and friends) are built from values deployment tools cannot fill in.
        .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
        .WithHttpHealthCheck("/health")
        .WithServiceSettings();
}
