using NotificationAspire.AppHost.Kubernetes.Model;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>The recommended `app.kubernetes.io/*` labels, and the `version` label Istio's subsets select on.</summary>
public static class Labels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Version = "version";
    public const string Stable = "stable";
    public const string Canary = "canary";

    public static Fields For(Workload workload, KubernetesOptions options, string track = Stable) => new()
    {
        [Name] = workload.Name,
        [Instance] = InstanceOf(workload, track),
        // The tag the pod runs: a third-party image's own, ours from the options, the canary's its track.
        ["app.kubernetes.io/version"] = workload.Image.Contains(':') || workload.Image.Contains('@') ? TagOf(workload.Image)
            : track == Stable ? options.ImageTag : track,
        ["app.kubernetes.io/component"] = workload.Role == WorkloadRole.Service ? "service" : "infrastructure",
        ["app.kubernetes.io/part-of"] = options.PartOf,
        ["app.kubernetes.io/managed-by"] = "notificationaspire-apphost",
        [Version] = track,
    };

    /// <summary>What a Service, PDB or NetworkPolicy selects: every pod of the workload, stable and canary.</summary>
    public static Fields Selector(string workload) => new() { [Name] = workload };

    /// <summary>What one Deployment owns: its own track only, so stable and canary never adopt each other's pods.</summary>
    public static Fields DeploymentSelector(Workload workload, string track) => new()
    {
        [Name] = workload.Name,
        [Instance] = InstanceOf(workload, track),
    };

    private static string InstanceOf(Workload workload, string track) => track == Stable ? workload.Name : $"{workload.Name}-{track}";

    // Label values allow letters, digits, '-', '_' and '.', at most 63 of them.
    private static string TagOf(string image)
    {
        var tag = image.Contains('@') ? "pinned" : image[(image.LastIndexOf(':') + 1)..];
        return new string(tag.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').Take(63).ToArray());
    }
}
