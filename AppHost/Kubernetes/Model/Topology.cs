using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes.Model;

/// <summary>The workloads and what follows from how they connect: who serves HTTP, who scales on Kafka lag.</summary>
public sealed class Topology(IReadOnlyList<Workload> workloads)
{
    public IReadOnlyList<Workload> Workloads => workloads;

    public IEnumerable<Workload> Services => workloads.Where(w => w.Role == WorkloadRole.Service);

    public IEnumerable<Workload> Infrastructure => workloads.Where(w => w.Role == WorkloadRole.Infrastructure);

    /// <summary>A service somebody calls (or the world reaches) over HTTP; the others only consume.</summary>
    public bool ServesHttp(Workload service) =>
        service.IsExternal || workloads.Any(w => w.Flows.Any(f => f.Target == service.Name));

    /// <summary>The consumer groups a service runs (their ids start with its resource name, see ConsumerGroups).</summary>
    public static IReadOnlyList<ConsumerGroup> ConsumerGroupsOf(Workload service) =>
        ConsumerGroups.All.Where(g => g.Id == service.Name || g.Id.StartsWith(service.Name + "-", StringComparison.Ordinal)).ToList();

    /// <summary>A worker: no HTTP callers, so it scales on the lag of its consumer groups, not on requests.</summary>
    public bool ScalesOnKafkaLag(Workload service) => !ServesHttp(service) && ConsumerGroupsOf(service).Count > 0;

    /// <summary>Flows into a workload, from whichever workload opens them.</summary>
    public IEnumerable<(Workload Source, Flow Flow)> FlowsInto(Workload target) =>
        workloads.SelectMany(w => w.Flows.Where(f => f.Target == target.Name).Select(f => (w, f)));
}
