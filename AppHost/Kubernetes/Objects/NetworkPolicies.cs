using NotificationAspire.AppHost.Kubernetes.Model;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes.Objects;

/// <summary>
/// Deny by default, then one policy per workload allowing exactly the flows the model's references describe
/// (gateway to the APIs, services to their database, broker and identity provider), plus what the platform
/// around them needs: DNS, the ingress controller to the public service, Prometheus to management ports.
/// </summary>
public static class NetworkPolicies
{
    public const string NamespaceLabel = "kubernetes.io/metadata.name";

    public static IEnumerable<Fields> Baseline(KubernetesOptions options)
    {
        var deny = Meta.Object("networking.k8s.io/v1", "NetworkPolicy", "default-deny-all", PartOf(options));
        deny["spec"] = new Fields { ["podSelector"] = new Fields(), ["policyTypes"] = new List<object?> { "Ingress", "Egress" } };
        yield return deny;

        var dns = Meta.Object("networking.k8s.io/v1", "NetworkPolicy", "allow-dns", PartOf(options));
        dns["spec"] = new Fields
        {
            ["podSelector"] = new Fields(),
            ["policyTypes"] = new List<object?> { "Egress" },
            ["egress"] = new List<object?>
            {
                new Fields
                {
                    ["to"] = new List<object?>
                    {
                        new Fields
                        {
                            ["namespaceSelector"] = Selector(NamespaceLabel, "kube-system"),
                            ["podSelector"] = Selector("k8s-app", "kube-dns"),
                        },
                    },
                    ["ports"] = new List<object?> { Port(53, "UDP"), Port(53, "TCP") },
                },
            },
        };
        yield return dns;
    }

    /// <summary>The policy of one workload: who may call it on which port, and whom it may call.</summary>
    public static Fields For(Workload workload, Topology topology, KubernetesOptions options)
    {
        var ingress = new List<object?>();
        foreach (var group in topology.FlowsInto(workload).GroupBy(f => f.Source.Name))
        {
            ingress.Add(Rule("from", [PodPeer(group.Key)], group.Select(f => f.Flow.Port)));
        }
        if (workload.IsExternal)
        {
            ingress.Add(Rule("from", [NamespacePeer(options.IngressControllerNamespace)], workload.TrafficPorts.Where(p => p.IsHttp).Select(p => p.Number)));
        }
        if (workload.Role == WorkloadRole.Service && workload.OperationsPort is { } management)
        {
            ingress.Add(Rule("from", [NamespacePeer(options.MonitoringNamespace)], [management.Number]));
        }
        var scaledWorkers = topology.Services.Where(topology.ScalesOnKafkaLag).ToList();
        var kedaPorts = workload.Name == ResourceNames.Kafka
            ? topology.FlowsInto(workload).Where(f => scaledWorkers.Contains(f.Source)).Select(f => f.Flow.Port).ToList()
            : [];
        if (kedaPorts.Count > 0)
        {
            // KEDA's operator reads the consumer groups' lag from the broker the workers use.
            ingress.Add(Rule("from", [NamespacePeer(options.KedaNamespace)], kedaPorts));
        }

        var egress = workload.Flows.GroupBy(f => f.Target)
            .Select(g => (object?)Rule("to", [PodPeer(g.Key)], g.Select(f => f.Port)))
            .ToList();

        var policy = Meta.Object("networking.k8s.io/v1", "NetworkPolicy", workload.Name, Labels.For(workload, options));
        policy["spec"] = new Fields
        {
            ["podSelector"] = new Fields { ["matchLabels"] = Labels.Selector(workload.Name) },
            ["policyTypes"] = new List<object?> { "Ingress", "Egress" },
            ["ingress"] = ingress,
            ["egress"] = egress,
        };
        return policy;
    }

    /// <summary>
    /// Production's database, broker and identity provider run outside the namespace (managed or operator-run):
    /// the services that use them may leave the namespace on those ports only.
    /// </summary>
    public static Fields ToExternalInfrastructure(Workload service, Topology topology, KubernetesOptions options)
    {
        var infrastructure = topology.Infrastructure.Select(i => i.Name).ToHashSet();
        var ports = service.Flows.Where(f => infrastructure.Contains(f.Target)).Select(f => f.Port).Distinct().ToList();
        var policy = Meta.Object("networking.k8s.io/v1", "NetworkPolicy", $"{service.Name}-external-infrastructure", Labels.For(service, options));
        policy["spec"] = new Fields
        {
            ["podSelector"] = new Fields { ["matchLabels"] = Labels.Selector(service.Name) },
            ["policyTypes"] = new List<object?> { "Egress" },
            ["egress"] = new List<object?> { Rule("to", [new Fields { ["ipBlock"] = new Fields { ["cidr"] = "0.0.0.0/0" } }], ports) },
        };
        return policy;
    }

    public static Fields Rule(string direction, IEnumerable<Fields> peers, IEnumerable<int> ports) => new()
    {
        [direction] = peers.Cast<object?>().ToList(),
        ["ports"] = ports.Distinct().Order().Select(p => (object?)Port(p, "TCP")).ToList(),
    };

    public static Fields NamespacePeer(string name) => new() { ["namespaceSelector"] = Selector(NamespaceLabel, name) };

    private static Fields PodPeer(string workload) => new() { ["podSelector"] = new Fields { ["matchLabels"] = Labels.Selector(workload) } };

    private static Fields Selector(string key, string value) => new() { ["matchLabels"] = new Fields { [key] = value } };

    private static Fields Port(int port, string protocol) => new() { ["protocol"] = protocol, ["port"] = port };

    private static Fields PartOf(KubernetesOptions options) => new() { ["app.kubernetes.io/part-of"] = options.PartOf };
}
