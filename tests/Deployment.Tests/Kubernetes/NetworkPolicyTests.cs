using System.Text.Json.Nodes;
using Deployment.Tests.Support;
using NotificationAspire.Contracts;

namespace Deployment.Tests.Kubernetes;

/// <summary>
/// Everything is denied unless a policy allows it, and the policies allow the architecture's flows and no other:
/// the gateway calls the APIs, services call their database, broker, identity provider and mail sink, and the
/// worker asks the preferences API about each person. Checked in `dev`, the overlay where every workload runs.
/// </summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed class NetworkPolicyTests(GeneratedManifests generated)
{
    private static readonly string[] Infrastructure = [ResourceNames.Postgres, ResourceNames.Kafka, ResourceNames.Identity, ResourceNames.Mail];

    /// <summary>The flows of today's model, all of them; the rule below says which kinds a grown model may add.</summary>
    private static readonly (string From, string To)[] TodaysFlows =
    [
        (ResourceNames.Gateway, ResourceNames.NotificationsApi),
        (ResourceNames.Gateway, ResourceNames.PreferencesApi),
        (ResourceNames.Gateway, ResourceNames.Identity),
        (ResourceNames.Gateway, ResourceNames.Postgres), // its own database, gatewaydb: browser sessions, Data Protection keys
        (ResourceNames.NotificationsApi, ResourceNames.Postgres),
        (ResourceNames.NotificationsApi, ResourceNames.Kafka),
        (ResourceNames.NotificationsApi, ResourceNames.Identity),
        (ResourceNames.PreferencesApi, ResourceNames.Postgres), // its own database, preferencesdb
        (ResourceNames.PreferencesApi, ResourceNames.Identity),
        (ResourceNames.DeliveryWorker, ResourceNames.Postgres),
        (ResourceNames.DeliveryWorker, ResourceNames.Kafka),
        (ResourceNames.DeliveryWorker, ResourceNames.Mail),
        (ResourceNames.DeliveryWorker, ResourceNames.PreferencesApi), // each attempt asks about the person
        (ResourceNames.DeliveryWorker, ResourceNames.Identity), // its own client-credentials token for that
        (ResourceNames.Gateway, ResourceNames.InboxApi),
        (ResourceNames.InboxApi, ResourceNames.Postgres), // its own database, inboxdb
        (ResourceNames.InboxApi, ResourceNames.Kafka), // the projection's consumer group
        (ResourceNames.InboxApi, ResourceNames.Identity),
        (ResourceNames.InboxApi, ResourceNames.PreferencesApi), // the notification center's preferences part
        (ResourceNames.Gateway, ResourceNames.Console), // the web console's pages, served at /console/
    ];

    /// <summary>The services other pods call, on their traffic port (never their management port).</summary>
    private static readonly string[] CalledServices = [ResourceNames.NotificationsApi, ResourceNames.PreferencesApi, ResourceNames.InboxApi, ResourceNames.Console];

    private List<JsonObject> Policies => generated.Objects["dev"].OfKind("NetworkPolicy").ToList();

    [Fact]
    public void Every_pod_is_denied_both_ways_by_default()
    {
        var deny = Policies.Single(p => p.Name() == "default-deny-all")["spec"]!;
        Assert.Empty(deny["podSelector"]!.AsObject());
        Assert.Equal(["Ingress", "Egress"], deny["policyTypes"]!.AsArray().Select(t => (string)t!));
        Assert.Null(deny["ingress"]);
        Assert.Null(deny["egress"]);
    }

    [Fact]
    public void Pod_to_pod_flows_are_exactly_the_architectures()
    {
        var egress = Flows("egress", "to");
        var ingress = Flows("ingress", "from");
        // Both ends agree: nobody accepts a call nobody is allowed to make, and the other way round.
        Assert.Equal(egress.OrderBy(f => f).ToList(), ingress.OrderBy(f => f).ToList());

        var pairs = egress.Select(f => (f.From, f.To)).Distinct().ToList();
        Assert.Equal(TodaysFlows.Order().ToList(), pairs.Order().ToList());
        Assert.All(pairs, flow => Assert.True(IsArchitectureFlow(flow.From, flow.To), $"{flow.From} -> {flow.To} is not a flow of the architecture"));
        Assert.DoesNotContain(pairs, f => f.To == ResourceNames.DeliveryWorker); // a worker nobody calls
        Assert.DoesNotContain(pairs, f => Infrastructure.Contains(f.From)); // infrastructure calls nobody
        Assert.All(egress.Where(f => CalledServices.Contains(f.To)), f => Assert.Equal(8080, f.Port));
    }

    [Fact]
    public void From_outside_the_namespace_only_the_ingress_controller_monitoring_keda_and_dns_are_allowed()
    {
        var peers = Policies.SelectMany(p => Rules(p, "ingress", "from").Concat(Rules(p, "egress", "to"))
                .SelectMany(r => r.Peers).Select(peer => (string?)peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]))
            .Where(n => n is not null).Distinct().Order().ToList();
        Assert.Equal(["ingress-nginx", "keda", "kube-system", "monitoring"], peers);

        var fromIngressController = Policies.Where(p => Rules(p, "ingress", "from").Any(r => r.Peers.Any(IsNamespace("ingress-nginx"))));
        Assert.Equal([ResourceNames.Gateway], fromIngressController.Select(p => p.Name()));
        var fromKeda = Policies.Where(p => Rules(p, "ingress", "from").Any(r => r.Peers.Any(IsNamespace("keda"))));
        Assert.Equal([ResourceNames.Kafka], fromKeda.Select(p => p.Name())); // it reads consumer lag, nothing else
        var fromMonitoring = Policies.Where(p => Rules(p, "ingress", "from").Any(r => r.Peers.Any(IsNamespace("monitoring"))));
        Assert.All(fromMonitoring, p => Assert.All(Rules(p, "ingress", "from").Where(r => r.Peers.Any(IsNamespace("monitoring"))),
            r => Assert.Equal([8081], r.Ports))); // management ports only
    }

    [Fact]
    public void Production_lets_services_reach_managed_infrastructure_on_its_ports_only()
    {
        var policies = generated.Objects["production"].OfKind("NetworkPolicy").Where(p => p.Name().EndsWith("-external-infrastructure", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.All(Rules(p, "egress", "to"), r => Assert.NotEmpty(r.Ports)));
    }

    private static bool IsArchitectureFlow(string from, string to) =>
        Infrastructure.Contains(to) && !Infrastructure.Contains(from)
        || from == ResourceNames.Gateway && !Infrastructure.Contains(to)
        || from is ResourceNames.DeliveryWorker or ResourceNames.InboxApi && to == ResourceNames.PreferencesApi;

    private List<(string From, string To, int Port)> Flows(string direction, string peerKey)
    {
        var flows = new List<(string, string, int)>();
        foreach (var policy in Policies)
        {
            var self = (string?)policy["spec"]!["podSelector"]!["matchLabels"]?["app.kubernetes.io/name"];
            foreach (var rule in Rules(policy, direction, peerKey))
            {
                foreach (var peer in rule.Peers.Where(p => p["namespaceSelector"] is null && p["ipBlock"] is null))
                {
                    var other = (string)peer["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]!;
                    foreach (var port in rule.Ports)
                    {
                        flows.Add(direction == "egress" ? (self!, other, port) : (other, self!, port));
                    }
                }
            }
        }
        return flows;
    }

    private static IEnumerable<(List<JsonObject> Peers, List<int> Ports)> Rules(JsonObject policy, string direction, string peerKey) =>
        policy["spec"]![direction].Items().Select(r => (r[peerKey].Items().ToList(), r["ports"].Items().Select(p => (int)p["port"]!).ToList()));

    private static Func<JsonObject, bool> IsNamespace(string name) =>
        peer => (string?)peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == name;
}
