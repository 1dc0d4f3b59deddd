namespace NotificationAspire.Contracts;

/// <summary>
/// The paths ServiceDefaults maps for orchestrators, shared so probes written elsewhere (the AppHost's health
/// checks, the generated Kubernetes probes) cannot drift from what the services serve.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The process can serve (liveness); public, on every port.</summary>
    public const string Alive = "/alive";

    /// <summary>The service and its dependencies are ready (readiness); management port only.</summary>
    public const string Health = "/health";

    /// <summary>Prometheus scrape; management port only.</summary>
    public const string Metrics = "/metrics";
}
