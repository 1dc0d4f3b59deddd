namespace Delivery.Worker.Providers.StateReports;

/// <summary>
/// The name this replica reports under, stable across restarts of the same instance where the platform gives one:
/// the AppHost's instance id (`service.instance.id` in OTEL_RESOURCE_ATTRIBUTES, the name its dashboard shows), a
/// Kubernetes pod's name (HOSTNAME, <paramref name="podName"/>: elsewhere replicas may share a host name), or else the
/// machine and process.
/// </summary>
public static class ReplicaIdentity
{
    public static string Resolve(string? configured, string? otelResourceAttributes, string? podName, string serviceName) =>
        !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
        : InstanceId(otelResourceAttributes) is { } instance ? (instance.StartsWith(serviceName, StringComparison.Ordinal) ? instance : $"{serviceName}-{instance}")
        : !string.IsNullOrWhiteSpace(podName) ? podName.Trim()
        : $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>`service.instance.id` from the OpenTelemetry resource attributes (`key=value,key=value`), if set and resolved.</summary>
    public static string? InstanceId(string? resourceAttributes) =>
        resourceAttributes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0] == "service.instance.id" && kv[1].Length > 0 && !kv[1].Contains('{', StringComparison.Ordinal))
            .Select(kv => kv[1])
            .FirstOrDefault();
}
