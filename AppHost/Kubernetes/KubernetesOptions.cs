using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes;

/// <summary>
/// What the Kubernetes output needs beyond the AppHost model: where images live, namespaces, sizes and the
/// public host. Bound from the `Kubernetes` configuration section, so any value can be changed on the command
/// line (`--Kubernetes:ImageRegistry=registry.example.com`) without editing code.
/// </summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary>Prefix of every service image; matches `ContainerRepository` in services/Directory.Build.targets.</summary>
    public string ImageRepositoryPrefix { get; set; } = "notificationaspire";

    /// <summary>Registry the images were pushed to (empty: the cluster's default, docker.io).</summary>
    public string ImageRegistry { get; set; } = "";

    /// <summary>The SDK's default `$(Version)`, which is the tag `dotnet publish -t:PublishContainer` gives.</summary>
    public string ImageTag { get; set; } = "1.0.0";

    /// <summary>Value of the `app.kubernetes.io/part-of` label and prefix of the namespaces.</summary>
    public string PartOf { get; set; } = "notificationaspire";

    public string DevNamespace { get; set; } = "notificationaspire-dev";

    public string ProductionNamespace { get; set; } = "notificationaspire";

    /// <summary>Where ASP.NET listens for traffic in the image (the .NET images' default, 8080).</summary>
    public int ServiceHttpPort { get; set; } = 8080;

    /// <summary>Host of the gateway's Ingress per environment; the TLS certificate lives in the Secret below.</summary>
    public string DevHost { get; set; } = "notifications.dev.example.com";

    public string ProductionHost { get; set; } = "notifications.example.com";

    public string TlsSecretName { get; set; } = "gateway-tls";

    public string IngressClassName { get; set; } = "nginx";

    /// <summary>Namespaces whose pods may call in: the ingress controller, Prometheus, KEDA's operator, Istio's control plane.</summary>
    public string IngressControllerNamespace { get; set; } = "ingress-nginx";

    public string MonitoringNamespace { get; set; } = "monitoring";

    public string KedaNamespace { get; set; } = "keda";

    public string IstioNamespace { get; set; } = "istio-system";

    public WorkloadSize ServiceSize { get; set; } = new() { CpuRequest = "100m", MemoryRequest = "192Mi", CpuLimit = "1", MemoryLimit = "512Mi" };

    public WorkloadSize InfrastructureSize { get; set; } = new() { CpuRequest = "250m", MemoryRequest = "512Mi", CpuLimit = "2", MemoryLimit = "1536Mi" };

    /// <summary>Ceiling of the HTTP services' autoscaler (the floor is the model's replica count).</summary>
    public int MaxReplicas { get; set; } = 6;

    public int CpuUtilizationTarget { get; set; } = 70;

    /// <summary>Records behind per partition before KEDA adds a worker (never more workers than partitions).</summary>
    public int KafkaLagThreshold { get; set; } = 100;

    /// <summary>Seconds a pod keeps serving after it is told to stop, while endpoints and meshes forget it.</summary>
    public int PreStopDelaySeconds { get; set; } = 5;

    /// <summary>How long a worker may take to finish the attempts it holds before Kubernetes kills it.</summary>
    public int WorkerDrainSeconds { get; set; } = 60;

    public int PersistentVolumeSizeGi { get; set; } = 8;

    /// <summary>Share of the canary's traffic in the `istio` overlay, by service; the rest stays on the stable version.</summary>
    public Dictionary<string, int> CanaryWeights { get; set; } = new() { [ResourceNames.NotificationsApi] = 10 };

    /// <summary>Requests per second per gateway pod the mesh autoscaler aims for (Istio's request metric).</summary>
    public int GatewayRequestsPerSecondTarget { get; set; } = 200;

    /// <summary>Numeric user of the .NET images (`app`); numeric, so Kubernetes can check `runAsNonRoot`.</summary>
    public long ServiceUserId { get; set; } = 1654;

    /// <summary>User the third-party images of the dev overlay run as (their images' own non-root user).</summary>
    public long InfrastructureUserId { get; set; } = 1000;
}

/// <summary>Requests and limits of one kind of workload.</summary>
public sealed class WorkloadSize
{
    public string CpuRequest { get; set; } = "";
    public string MemoryRequest { get; set; } = "";
    public string CpuLimit { get; set; } = "";
    public string MemoryLimit { get; set; } = "";
}
