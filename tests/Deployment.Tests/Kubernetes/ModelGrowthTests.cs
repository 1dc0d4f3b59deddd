using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Deployment.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NotificationAspire.AppHost.Infrastructure;
using NotificationAspire.AppHost.Kubernetes;
using NotificationAspire.Contracts;

namespace Deployment.Tests.Kubernetes;

/// <summary>The output follows the model: a service added to the AppHost is deployed, wired and fenced with no template to edit.</summary>
public sealed class ModelGrowthTests
{
    private const string NewService = "audit-api";

    /// <summary>Added with nothing but AddProject: no platform defaults, no references.</summary>
    private const string BareService = "bare-api";

    [Fact]
    public async Task A_service_added_to_the_app_host_appears_with_its_workload_autoscaler_and_policies()
    {
        var output = Directory.CreateTempSubdirectory("notificationaspire-k8s-growth-").FullName;
        // The builder gets a folder of its own: the AppHost's pipeline may write there too, and the test's own
        // generation below must not share a folder with it (CI once saw 'base' refilled while it was being cleared).
        var builderOutput = Directory.CreateTempSubdirectory("notificationaspire-k8s-growth-builder-").FullName;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NotificationAspire_AppHost>(
                ["--operation", "publish", "--step", KubernetesPublishing.StepName, "--output-path", builderOutput]);
            // What a developer adds to Program.cs for a new API behind the gateway, using the broker.
            var kafka = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == ResourceNames.Kafka);
            var audit = builder.AddProject<Projects.Gateway>(NewService)
                .WithPlatformDefaults()
                .WithReference(builder.CreateResourceBuilder(kafka))
                .WithEnvironment("Audit__PublicUrl", builder.AddParameter("audit-public-url"));
            var gateway = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == ResourceNames.Gateway);
            builder.CreateResourceBuilder(gateway).WithReference(audit);
            builder.AddProject<Projects.Notifications_Api>(BareService);

            await using var app = builder.Build();
            var context = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
            Assert.True(context.IsPublishMode);
            await KubernetesPublishing.GenerateAsync(app.Services.GetRequiredService<DistributedApplicationModel>(), context,
                new KubernetesOptions(), output, RepositoryPaths.Root(), CancellationToken.None);

            var rendered = (await CommandLine.RunAsync("kubectl", ["kustomize", Path.Combine(output, "overlays", "dev")], TimeSpan.FromMinutes(1)))
                .EnsureSuccess("kubectl kustomize overlays/dev");
            var objects = KubernetesObjects.Parse(rendered.Output);
            foreach (var kind in new[] { "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ServiceMonitor", "NetworkPolicy" })
            {
                Assert.NotNull(objects.Named(kind, NewService));
            }
            var policy = objects.Named("NetworkPolicy", NewService)["spec"]!;
            Assert.Contains(policy["ingress"].Items(), r => PodPeers(r["from"]).Contains(ResourceNames.Gateway));
            Assert.Contains(policy["egress"].Items(), r => PodPeers(r["to"]).Contains(ResourceNames.Kafka));
            var gatewayPolicy = objects.Named("NetworkPolicy", ResourceNames.Gateway)["spec"]!;
            Assert.Contains(gatewayPolicy["egress"].Items(), r => PodPeers(r["to"]).Contains(NewService));

            // A parameter that is not secret comes from a ConfigMap the operator creates: no value in the files.
            var auditEnv = objects.Named("Deployment", NewService)["spec"]!["template"]!["spec"]!["containers"]![0]!["env"].Items();
            var publicUrl = auditEnv.Single(e => (string?)e["name"] == "Audit__PublicUrl")["valueFrom"]!["configMapKeyRef"]!;
            Assert.Equal(("parameters", "audit-public-url"), ((string?)publicUrl["name"], (string?)publicUrl["key"]));

            // Without a management port, probes and scrapes go to its HTTP port, where ServiceDefaults then serves them.
            var bare = objects.Named("Deployment", BareService)["spec"]!["template"]!["spec"]!["containers"]![0]!;
            Assert.Equal("http", (string?)bare["readinessProbe"]!["httpGet"]!["port"]);
            Assert.NotNull(bare["livenessProbe"]);
            Assert.NotNull(bare["resources"]!["limits"]);
            Assert.NotNull(objects.Named("ServiceMonitor", BareService));

            var config = objects.OfKind("ConfigMap").Single(c => c.Name().StartsWith("gateway-config", StringComparison.Ordinal));
            Assert.StartsWith($"http://{NewService}:", (string?)config["data"]![$"services__{NewService}__http__0"], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            Directory.Delete(builderOutput, recursive: true);
        }
    }

    private static IEnumerable<string> PodPeers(JsonNode? peers) =>
        peers.Items().Select(p => (string?)p["podSelector"]?["matchLabels"]?["app.kubernetes.io/name"]).OfType<string>();
}
