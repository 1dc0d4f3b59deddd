using System.Text.Json.Nodes;
using Deployment.Tests.Support;

namespace Deployment.Tests.Kubernetes;

/// <summary>The one command writes a kustomize tree whose every overlay renders, and every object it renders is valid for its kind.</summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed class RenderingTests(GeneratedManifests generated)
{
    [Fact]
    public void The_step_writes_a_base_and_three_overlays_with_a_guide()
    {
        Assert.True(File.Exists(Path.Combine(generated.OutputPath, "base", "kustomization.yaml")));
        Assert.All(GeneratedManifests.Overlays, o => Assert.True(File.Exists(Path.Combine(generated.OutputPath, "overlays", o, "kustomization.yaml"))));
        Assert.Contains("--step kubernetes", File.ReadAllText(Path.Combine(generated.OutputPath, "README.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("production")]
    [InlineData("istio")]
    public void Every_overlay_renders_with_kubectl_kustomize_into_its_own_namespace(string overlay)
    {
        var objects = generated.Objects[overlay];
        Assert.NotEmpty(objects);
        var ns = Assert.Single(objects.OfKind("Namespace"));
        Assert.All(objects.Where(o => o.Kind() is not ("Namespace")), o => Assert.Equal(ns.Name(), (string?)o["metadata"]!["namespace"]));
    }

    [Fact]
    public void Dev_and_production_use_different_namespaces_and_istio_injects_sidecars()
    {
        var dev = Assert.Single(generated.Objects["dev"].OfKind("Namespace")).Name();
        var production = Assert.Single(generated.Objects["production"].OfKind("Namespace")).Name();
        Assert.NotEqual(dev, production);
        var mesh = Assert.Single(generated.Objects["istio"].OfKind("Namespace"));
        Assert.Equal("enabled", (string?)mesh["metadata"]!["labels"]!["istio-injection"]);
    }

    [Fact]
    public void Every_rendered_object_passes_the_schema_of_its_kind_and_api_version()
    {
        var result = generated.SchemaValidation;
        Assert.True(result.ExitCode == 0, $"schema validation failed:\n{result.Output}\n{result.Error}");
        var report = JsonNode.Parse(result.Output)!;
        var kinds = report["kinds"]!.AsObject().Select(k => k.Key).ToList();
        // The custom resources are validated too, not skipped: KEDA, Istio and Prometheus Operator kinds are all present.
        Assert.Contains("keda.sh/v1alpha1/ScaledObject", kinds);
        Assert.Contains("networking.istio.io/v1/VirtualService", kinds);
        Assert.Contains("networking.istio.io/v1/DestinationRule", kinds);
        Assert.Contains("security.istio.io/v1/PeerAuthentication", kinds);
        Assert.Contains("monitoring.coreos.com/v1/ServiceMonitor", kinds);
        Assert.Equal(generated.Objects.Values.Sum(o => o.Count), (int)report["objects"]!);
    }
}
