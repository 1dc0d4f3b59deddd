using System.Globalization;
using NotificationAspire.AppHost.Kubernetes.Model;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>
/// A service's Deployment: the model's replicas, a rolling update that never drops below them, probes on the
/// ServiceDefaults endpoints (readiness and liveness on the management port), requests and limits, a non-root
/// read-only container, a drain before stopping, and the scrape annotations for its metrics.
/// </summary>
public static class ServiceWorkloads
{
    /// <summary>ASP.NET's host reads it as its shutdown timeout (host configuration takes `DOTNET_` variables).</summary>
    public const string ShutdownTimeoutVariable = "DOTNET_shutdownTimeoutSeconds";

    public static Fields Deployment(Workload service, Topology topology, KubernetesOptions options, string track = Labels.Stable)
    {
        var name = track == Labels.Stable ? service.Name : $"{service.Name}-{track}";
        // Without a management endpoint (a service added without WithPlatformDefaults) ServiceDefaults serves
        // /health and /metrics on every port, so the HTTP port takes the management port's role.
        var management = service.OperationsPort
            ?? throw new InvalidOperationException($"'{service.Name}' has no HTTP port for its probes and metrics.");
        var labels = Labels.For(service, options, track);
        var deployment = Meta.Object("apps/v1", "Deployment", name, labels);
        deployment["spec"] = new Fields
        {
            ["replicas"] = track == Labels.Stable ? service.Replicas : 1,
            ["revisionHistoryLimit"] = 5,
            ["selector"] = new Fields { ["matchLabels"] = Labels.DeploymentSelector(service, track) },
            // New pods become ready before old ones go: capacity never falls below the model's replica count.
            ["strategy"] = new Fields
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new Fields { ["maxUnavailable"] = 0, ["maxSurge"] = 1 },
            },
            ["template"] = new Fields
            {
                ["metadata"] = new Fields
                {
                    ["labels"] = labels,
                    ["annotations"] = new Fields
                    {
                        ["prometheus.io/scrape"] = "true",
                        ["prometheus.io/port"] = management.Number.ToString(CultureInfo.InvariantCulture),
                        ["prometheus.io/path"] = HealthEndpoints.Metrics,
                    },
                },
                ["spec"] = PodSpec(service, topology, options, management, track),
            },
        };
        return deployment;
    }

    private static Fields PodSpec(Workload service, Topology topology, KubernetesOptions options, WorkloadPort management, string track)
    {
        var drains = topology.ScalesOnKafkaLag(service);
        // A worker gets the time to finish the attempts it holds; an API the host's default 30 s for open requests.
        var shutdownSeconds = drains ? options.WorkerDrainSeconds : 30;
        return new Fields
        {
            ["automountServiceAccountToken"] = false,
            ["terminationGracePeriodSeconds"] = options.PreStopDelaySeconds + shutdownSeconds + 5,
            ["securityContext"] = PodSecurity.NonRoot(options.ServiceUserId),
            // Replicas on different nodes where the cluster can: one node lost is not the service lost.
            ["topologySpreadConstraints"] = new List<object?>
            {
                new Fields
                {
                    ["maxSkew"] = 1,
                    ["topologyKey"] = "kubernetes.io/hostname",
                    ["whenUnsatisfiable"] = "ScheduleAnyway",
                    ["labelSelector"] = new Fields { ["matchLabels"] = Labels.Selector(service.Name) },
                },
            },
            ["containers"] = new List<object?>
            {
                new Fields
                {
                    ["name"] = service.Name,
                    ["image"] = ImageOf(service, options, track),
                    ["imagePullPolicy"] = "IfNotPresent",
                    ["ports"] = service.Ports.Select(p => new Fields { ["name"] = p.Name, ["containerPort"] = p.Number, ["protocol"] = "TCP" }).ToList(),
                    ["envFrom"] = new List<object?> { new Fields { ["configMapRef"] = new Fields { ["name"] = ConfigMapName(service, track) } } },
                    ["env"] = EnvironmentList.Of(service.Environment.Base.Where(e => e.Value is not LiteralValue)),
                    ["startupProbe"] = HttpProbe(HealthEndpoints.Alive, management, period: 2, failures: 60),
                    ["readinessProbe"] = HttpProbe(HealthEndpoints.Health, management, period: 10, failures: 3),
                    ["livenessProbe"] = HttpProbe(HealthEndpoints.Alive, management, period: 10, failures: 3),
                    ["resources"] = Resources(options.ServiceSize),
                    ["securityContext"] = PodSecurity.Container(readOnlyRootFilesystem: true),
                    // Keep serving while endpoints, ingress and mesh forget the pod; the images have no shell, so `sleep` is the kubelet's.
                    ["lifecycle"] = new Fields { ["preStop"] = new Fields { ["sleep"] = new Fields { ["seconds"] = options.PreStopDelaySeconds } } },
                    ["volumeMounts"] = new List<object?> { new Fields { ["name"] = "tmp", ["mountPath"] = "/tmp" } },
                },
            },
            // The root filesystem is read-only; .NET still wants a writable temp folder (diagnostics sockets, temp files).
            ["volumes"] = new List<object?> { new Fields { ["name"] = "tmp", ["emptyDir"] = new Fields { ["sizeLimit"] = "64Mi" } } },
        };
    }

    public static string ConfigMapName(Workload service, string track = Labels.Stable) =>
        track == Labels.Stable ? $"{service.Name}-config" : $"{service.Name}-{track}-config";

    /// <summary>Plain settings of the service (the ConfigMap's content), with the drain timeout for workers.</summary>
    public static IReadOnlyList<(string Key, string Value)> PlainSettings(Workload service, Topology topology, KubernetesOptions options)
    {
        var settings = service.Environment.Base.Where(e => e.Value is LiteralValue)
            .Select(e => (e.Name, ((LiteralValue)e.Value).Text)).ToList();
        if (topology.ScalesOnKafkaLag(service))
        {
            settings.Add((ShutdownTimeoutVariable, options.WorkerDrainSeconds.ToString(CultureInfo.InvariantCulture)));
        }
        return settings;
    }

    public static string ImageOf(Workload workload, KubernetesOptions options, string track = Labels.Stable)
    {
        var registry = string.IsNullOrEmpty(options.ImageRegistry) ? "" : options.ImageRegistry.TrimEnd('/') + "/";
        return $"{registry}{workload.Image}:{(track == Labels.Stable ? options.ImageTag : track)}";
    }

    public static Fields Resources(WorkloadSize size) => new()
    {
        ["requests"] = new Fields { ["cpu"] = size.CpuRequest, ["memory"] = size.MemoryRequest },
        ["limits"] = new Fields { ["cpu"] = size.CpuLimit, ["memory"] = size.MemoryLimit },
    };

    private static Fields HttpProbe(string path, WorkloadPort port, int period, int failures) => new()
    {
        ["httpGet"] = new Fields { ["path"] = path, ["port"] = port.Name },
        ["periodSeconds"] = period,
        ["timeoutSeconds"] = 3,
        ["failureThreshold"] = failures,
    };
}
