using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Deployment.Tests.Support;
using NotificationAspire.Contracts;

namespace Deployment.Tests.Kubernetes;

/// <summary>What a cluster operator checks first on every workload: probes, requests and limits, safe rollouts, non-root.</summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed partial class WorkloadRuleTests(GeneratedManifests generated)
{
    public static TheoryData<string> Overlays => new(GeneratedManifests.Overlays);

    private IEnumerable<JsonObject> Workloads(string overlay) =>
        generated.Objects[overlay].Where(o => o.Kind() is "Deployment" or "StatefulSet");

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_workload_has_startup_readiness_and_liveness_probes_and_limits(string overlay)
    {
        Assert.All(Workloads(overlay), workload => Assert.All(Containers(workload), container =>
        {
            Assert.NotNull(container["startupProbe"]);
            Assert.NotNull(container["readinessProbe"]);
            Assert.NotNull(container["livenessProbe"]);
            Assert.NotNull(container["resources"]?["requests"]?["cpu"]);
            Assert.NotNull(container["resources"]?["requests"]?["memory"]);
            Assert.NotNull(container["resources"]?["limits"]?["cpu"]);
            Assert.NotNull(container["resources"]?["limits"]?["memory"]);
        }));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_address_a_service_is_given_is_a_service_of_its_overlay_or_a_value_the_operator_provides(string overlay)
    {
        var objects = generated.Objects[overlay];
        var services = objects.OfKind("Service").Select(s => (string)s["metadata"]!["name"]!).ToHashSet();
        var settings = objects.OfKind("ConfigMap").SelectMany(c => c["data"]?.AsObject().Select(d => (string?)d.Value) ?? [])
            .Concat(objects.OfKind("Deployment").SelectMany(Containers).SelectMany(c => c["env"].Items()).Select(e => (string?)e["value"]));
        var hosts = settings.OfType<string>().SelectMany(v => ClusterAddress().Matches(v)).Select(m => m.Groups["host"].Value).Distinct();
        Assert.All(hosts, host => Assert.Contains(host, services));

        // Production runs no identity provider of its own: the operator names theirs in the `parameters` ConfigMap.
        var authority = objects.Named("Deployment", ResourceNames.NotificationsApi)["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]
            .Items().ToList();
        var value = (string)authority.Single(e => (string?)e["name"] == "Identity__Authority")["value"]!;
        if (overlay == "dev")
        {
            Assert.Equal($"http://{ResourceNames.Identity}:8080/realms/notifications", value);
        }
        else
        {
            var variable = Regex.Match(value, @"^\$\((?<name>[A-Z_]+)\)/realms/notifications$").Groups["name"].Value;
            var reference = authority.Single(e => (string?)e["name"] == variable)["valueFrom"]!["configMapKeyRef"]!;
            Assert.Equal(("parameters", $"{ResourceNames.Identity}-url"), ((string?)reference["name"], (string?)reference["key"]));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_workload_runs_as_a_numeric_non_root_user_without_privilege_escalation(string overlay)
    {
        Assert.All(Workloads(overlay), workload =>
        {
            var pod = workload["spec"]!["template"]!["spec"]!;
            Assert.True((bool)pod["securityContext"]!["runAsNonRoot"]!);
            Assert.True((long)pod["securityContext"]!["runAsUser"]! > 0);
            Assert.All(Containers(workload), c =>
            {
                Assert.False((bool)c["securityContext"]!["allowPrivilegeEscalation"]!);
                Assert.Equal("ALL", (string?)c["securityContext"]!["capabilities"]!["drop"]![0]);
            });
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_rolls_without_losing_capacity(string overlay)
    {
        Assert.All(generated.Objects[overlay].OfKind("Deployment"), deployment =>
        {
            var strategy = deployment["spec"]!["strategy"]!;
            Assert.Equal("RollingUpdate", (string?)strategy["type"]);
            Assert.Equal(0, (int)strategy["rollingUpdate"]!["maxUnavailable"]!);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Services_probe_the_service_defaults_endpoints_and_are_scraped_on_the_management_port(string overlay)
    {
        foreach (var service in ServiceDeployments(overlay))
        {
            var container = Containers(service).Single();
            Assert.Equal(HealthEndpoints.Health, (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            Assert.Equal(ManagementEndpoint.Name, (string?)container["readinessProbe"]!["httpGet"]!["port"]);
            Assert.Equal(HealthEndpoints.Alive, (string?)container["livenessProbe"]!["httpGet"]!["path"]);
            Assert.Equal(HealthEndpoints.Alive, (string?)container["startupProbe"]!["httpGet"]!["path"]);
            Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
            Assert.NotNull(container["lifecycle"]!["preStop"]);

            var template = service["spec"]!["template"]!["metadata"]!;
            var managementPort = container["ports"].Items().Single(p => (string?)p["name"] == ManagementEndpoint.Name)["containerPort"]!.ToString();
            Assert.Equal("true", (string?)template["annotations"]!["prometheus.io/scrape"]);
            Assert.Equal(managementPort, (string?)template["annotations"]!["prometheus.io/port"]);
            foreach (var label in new[] { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by" })
            {
                Assert.NotNull(template["labels"]![label]);
            }
            // One monitor per service: it selects the stable and the canary pods alike, through their Service.
            var monitor = generated.Objects[overlay].Named("ServiceMonitor", (string)template["labels"]!["app.kubernetes.io/name"]!);
            Assert.Equal(ManagementEndpoint.Name, (string?)monitor["spec"]!["endpoints"]![0]!["port"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Http_services_autoscale_on_load_and_the_worker_on_kafka_lag_and_each_has_a_disruption_budget(string overlay)
    {
        var objects = generated.Objects[overlay];
        Assert.Equal(2, objects.Named("Deployment", ResourceNames.DeliveryWorker)["spec"]!["replicas"]!.GetValue<int>()); // WithReplicas(2)
        foreach (var api in new[] { ResourceNames.Gateway, ResourceNames.NotificationsApi, ResourceNames.PreferencesApi, ResourceNames.InboxApi })
        {
            Assert.NotNull(objects.Named("HorizontalPodAutoscaler", api));
        }
        Assert.DoesNotContain(objects.OfKind("HorizontalPodAutoscaler"), h => h.Name() == ResourceNames.DeliveryWorker);

        var scaler = objects.Named("ScaledObject", ResourceNames.DeliveryWorker);
        Assert.Equal(2, (int)scaler["spec"]!["minReplicaCount"]!);
        var triggers = scaler["spec"]!["triggers"].Items().ToList();
        Assert.All(triggers, t => Assert.Equal("kafka", (string?)t["type"]));
        Assert.Contains(triggers, t => (string?)t["metadata"]!["consumerGroup"] == ConsumerGroups.DeliveryDispatch.Id
            && (string?)t["metadata"]!["topic"] == KafkaTopics.NotificationDispatch.Name);
        Assert.All(KafkaTopics.RetryTiers, tier => Assert.Contains(triggers, t => (string?)t["metadata"]!["topic"] == tier.Name));

        Assert.All(ServiceDeployments(overlay).Where(d => (string?)d["metadata"]!["labels"]!["version"] == "stable"),
            d => Assert.NotNull(objects.Named("PodDisruptionBudget", d.Name())));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_worker_drains_what_it_holds_before_it_is_killed(string overlay)
    {
        var worker = generated.Objects[overlay].Named("Deployment", ResourceNames.DeliveryWorker);
        var grace = (int)worker["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]!;
        var config = generated.Objects[overlay].OfKind("ConfigMap").Single(c => c.Name().StartsWith($"{ResourceNames.DeliveryWorker}-config", StringComparison.Ordinal));
        var shutdown = int.Parse((string)config["data"]!["DOTNET_shutdownTimeoutSeconds"]!, System.Globalization.CultureInfo.InvariantCulture);
        var preStop = (int)Containers(worker).Single()["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!;
        Assert.True(grace > preStop + shutdown, $"grace {grace}s must outlast the preStop {preStop}s plus the host's shutdown {shutdown}s");
    }

    [Fact]
    public void Dev_runs_its_database_broker_and_identity_provider_as_stateful_sets_with_claims_and_production_runs_none()
    {
        foreach (var name in new[] { ResourceNames.Postgres, ResourceNames.Kafka, ResourceNames.Identity })
        {
            var set = generated.Objects["dev"].Named("StatefulSet", name);
            Assert.NotEmpty(set["spec"]!["volumeClaimTemplates"].Items());
        }
        Assert.Empty(generated.Objects["production"].OfKind("StatefulSet"));
        var productionApi = Containers(generated.Objects["production"].Named("Deployment", ResourceNames.NotificationsApi)).Single();
        var connection = productionApi["env"].Items().Single(e => (string?)e["name"] == $"ConnectionStrings__{ResourceNames.NotificationsDatabase}");
        Assert.NotNull(connection["valueFrom"]!["secretKeyRef"]);
    }

    [Fact]
    public void Only_the_gateway_has_an_ingress_with_tls_from_a_secret_for_its_environments_host()
    {
        var hosts = new Dictionary<string, string>();
        foreach (var overlay in GeneratedManifests.Overlays)
        {
            var ingress = Assert.Single(generated.Objects[overlay].OfKind("Ingress"));
            var rule = ingress["spec"]!["rules"]![0]!;
            Assert.Equal(ResourceNames.Gateway, (string?)rule["http"]!["paths"]![0]!["backend"]!["service"]!["name"]);
            Assert.NotNull(ingress["spec"]!["tls"]![0]!["secretName"]);
            Assert.Equal((string?)rule["host"], (string?)ingress["spec"]!["tls"]![0]!["hosts"]![0]);
            hosts[overlay] = (string)rule["host"]!;
        }
        Assert.NotEqual(hosts["dev"], hosts["production"]);
    }

    [Fact]
    public void Production_logs_json_with_scopes_so_trace_ids_reach_fluent_bit()
    {
        var configs = generated.Objects["production"].OfKind("ConfigMap").ToList();
        Assert.All(ServiceDeployments("production"), d =>
        {
            var config = configs.Single(c => c.Name().StartsWith($"{d.Name()}-config", StringComparison.Ordinal));
            Assert.Equal("json", (string?)config["data"]!["Logging__Console__FormatterName"]);
            Assert.Equal("true", (string?)config["data"]!["Logging__Console__FormatterOptions__IncludeScopes"]);
        });
        var fluentBit = configs.Single(c => c.Name() == "fluent-bit-config");
        Assert.Contains("Merge_Log", (string)fluentBit["data"]!["fluent-bit.conf"]!, StringComparison.Ordinal);
        Assert.Contains("TraceId", (string)fluentBit["data"]!["trace-ids.lua"]!, StringComparison.Ordinal);
    }

    private IEnumerable<JsonObject> ServiceDeployments(string overlay) =>
        generated.Objects[overlay].OfKind("Deployment").Where(d => (string?)d["metadata"]!["labels"]!["app.kubernetes.io/component"] == "service");

    private static IEnumerable<JsonObject> Containers(JsonObject workload) => workload["spec"]!["template"]!["spec"]!["containers"].Items();

    [GeneratedRegex(@"://(?<host>[a-z0-9-]+)(:\d+)?(/|$)")]
    private static partial Regex ClusterAddress();
}
