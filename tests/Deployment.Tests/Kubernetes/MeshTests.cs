using Deployment.Tests.Support;
using NotificationAspire.Contracts;

namespace Deployment.Tests.Kubernetes;

/// <summary>The istio overlay: retries only where repeating is safe, a timeout on every route, outlier detection, a 90/10 canary.</summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed class MeshTests(GeneratedManifests generated)
{
    private List<System.Text.Json.Nodes.JsonObject> Mesh => generated.Objects["istio"];

    [Fact]
    public void Posts_are_retried_only_with_an_idempotency_key_and_every_route_has_a_timeout()
    {
        foreach (var service in Mesh.OfKind("VirtualService"))
        {
            var routes = service["spec"]!["http"].Items().ToList();
            Assert.All(routes, r => Assert.NotNull(r["timeout"]));
            foreach (var route in routes)
            {
                var matches = route["match"].Items().ToList();
                var attempts = (int)route["retries"]!["attempts"]!;
                var coversPost = matches.Count == 0 ? false : matches.Any(m => ((string?)m["method"]?["exact"] ?? (string?)m["method"]?["regex"] ?? "").Contains("POST", StringComparison.Ordinal));
                var needsKey = matches.All(m => m["headers"]?["idempotency-key"] is not null);
                if (coversPost && !needsKey)
                {
                    Assert.Equal(0, attempts);
                }
            }
            // Routes are tried in order: the POSTs are matched before the catch-all that retries.
            var catchAll = routes.FindIndex(r => r["match"] is null);
            Assert.Equal(routes.Count - 1, catchAll);
            Assert.Contains(routes, r => r["match"].Items().Any(m => m["headers"]?["idempotency-key"] is not null) && (int)r["retries"]!["attempts"]! > 0);
        }
    }

    [Fact]
    public void Notifications_api_runs_a_canary_with_a_tenth_of_its_traffic_behind_outlier_detection()
    {
        var routes = Mesh.Named("VirtualService", ResourceNames.NotificationsApi)["spec"]!["http"].Items();
        Assert.All(routes, r =>
        {
            var weights = r["route"].Items().ToDictionary(d => (string)d["destination"]!["subset"]!, d => (int)d["weight"]!);
            Assert.Equal(new Dictionary<string, int> { ["stable"] = 90, ["canary"] = 10 }, weights);
        });
        var rule = Mesh.Named("DestinationRule", ResourceNames.NotificationsApi)["spec"]!;
        Assert.NotNull(rule["trafficPolicy"]!["outlierDetection"]!["consecutive5xxErrors"]);
        Assert.Equal(["stable", "canary"], rule["subsets"].Items().Select(s => (string)s["name"]!));

        var canary = Mesh.Named("Deployment", $"{ResourceNames.NotificationsApi}-canary");
        Assert.Equal("canary", (string?)canary["spec"]!["template"]!["metadata"]!["labels"]!["version"]);
        var stable = Mesh.Named("Deployment", ResourceNames.NotificationsApi);
        Assert.NotEqual(stable["spec"]!["selector"]!.ToJsonString(), canary["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void The_gateway_scales_on_istios_request_rate_in_the_mesh()
    {
        var autoscaler = Mesh.Named("HorizontalPodAutoscaler", ResourceNames.Gateway);
        var metric = Assert.Single(autoscaler["spec"]!["metrics"].Items());
        Assert.Equal("Pods", (string?)metric["type"]);
        Assert.Equal("istio_requests_per_second", (string?)metric["pods"]!["metric"]!["name"]);
        Assert.Equal("STRICT", (string?)Mesh.Named("PeerAuthentication", "default")["spec"]!["mtls"]!["mode"]);
    }

    [Fact]
    public void Mutual_tls_is_strict_except_where_callers_outside_the_mesh_come_in()
    {
        // Prometheus scrapes every management port; the ingress controller calls the gateway's traffic port.
        var gateway = Mesh.Named("PeerAuthentication", ResourceNames.Gateway)["spec"]!;
        Assert.Equal(["8080", "8081"], gateway["portLevelMtls"]!.AsObject().Select(p => p.Key).Order());
        var api = Mesh.Named("PeerAuthentication", ResourceNames.NotificationsApi)["spec"]!;
        Assert.Equal(["8081"], api["portLevelMtls"]!.AsObject().Select(p => p.Key));
        Assert.Equal("STRICT", (string?)api["mtls"]!["mode"]);
    }
}
