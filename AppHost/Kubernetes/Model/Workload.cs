namespace NotificationAspire.AppHost.Kubernetes.Model;

/// <summary>What a workload is for, which decides how it is deployed.</summary>
public enum WorkloadRole
{
    /// <summary>One of our projects, from an image built by the SDK: every overlay.</summary>
    Service,

    /// <summary>A third-party container (database, broker, identity, mail): the dev overlay runs it, production brings its own.</summary>
    Infrastructure,
}

/// <summary>A resource of the AppHost model as Kubernetes will run it; <see cref="SourcePath"/> is its project file or Docker build context.</summary>
public sealed record Workload(
    string Name,
    WorkloadRole Role,
    string Image,
    int Replicas,
    IReadOnlyList<WorkloadPort> Ports,
    IReadOnlyList<string> Args,
    WorkloadEnvironment Environment,
    IReadOnlyList<WorkloadVolume> Volumes,
    IReadOnlyList<Flow> Flows,
    bool IsExternal,
    string? SourcePath = null)
{
    public WorkloadPort? ManagementPort => Ports.FirstOrDefault(p => p.IsManagement);

    public IEnumerable<WorkloadPort> TrafficPorts => Ports.Where(p => !p.IsManagement);

    /// <summary>Where probes and the scraper go: the management port, or for a service without one its HTTP port.</summary>
    public WorkloadPort? OperationsPort => ManagementPort ?? TrafficPorts.FirstOrDefault(p => p.IsHttp);

    public WorkloadPort? PrimaryPort => TrafficPorts.FirstOrDefault() ?? Ports.FirstOrDefault();
}

/// <summary>A port the workload listens on; the Service exposes it under the same number.</summary>
public sealed record WorkloadPort(string Name, int Number, bool IsHttp, bool IsManagement);

/// <summary>A connection the workload opens to another one: what its NetworkPolicy allows.</summary>
public sealed record Flow(string Target, string PortName, int Port);

/// <summary>A named volume: a PersistentVolumeClaim in the cluster.</summary>
public sealed record WorkloadVolume(string Name, string MountPath, bool ReadOnly);

/// <summary>
/// The workload's environment twice: as the base (and production) sees it, connection strings coming from
/// Secrets the platform team provides; and as the dev overlay sees it, built from the infrastructure it runs.
/// </summary>
public sealed record WorkloadEnvironment(IReadOnlyList<EnvEntry> Base, IReadOnlyList<EnvEntry> Dev);

/// <summary>One environment variable.</summary>
public sealed record EnvEntry(string Name, EnvValue Value);

/// <summary>Where an environment variable's value comes from; never a secret's value itself.</summary>
public abstract record EnvValue;

/// <summary>A plain setting: goes to a ConfigMap (or the env list when it has to stay beside a secret).</summary>
public sealed record LiteralValue(string Text) : EnvValue;

/// <summary>A key of a Secret that exists in the cluster; the manifests only name it.</summary>
public sealed record SecretValue(SecretReference Secret) : EnvValue;

/// <summary>
/// Text with secrets inside (a connection string with a password): the secrets become variables of their own and
/// the text refers to them as `$(NAME)`, which Kubernetes expands, so the composed value never exists in a file.
/// </summary>
public sealed record ComposedValue(string Template, IReadOnlyList<(string Variable, SecretReference Secret)> Parts) : EnvValue;

/// <summary>
/// A key of a Secret (or, for a parameter that is not secret, of a ConfigMap) the operator creates in the cluster,
/// with what it must hold, for the guide that tells how.
/// </summary>
public sealed record SecretReference(string Name, string Key, string Holds, bool IsConnectionString, bool IsConfigMap = false)
{
    /// <summary>The ConfigMap that holds the values of the AppHost's parameters that are not secret (a public URL, say).</summary>
    public const string ParametersConfigMap = "parameters";
}
