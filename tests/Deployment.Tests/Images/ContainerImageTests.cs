using System.Text.Json;
using System.Text.Json.Nodes;
using Deployment.Tests.Support;

namespace Deployment.Tests.Images;

/// <summary>
/// Every service of the model has SDK container settings that match the image its Deployment runs. Checked by
/// evaluating MSBuild (no image can be built without pulling a base image from a registry).
/// </summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed class ContainerImageTests(GeneratedManifests generated)
{
    private static readonly string[] Properties =
        ["EnableSdkContainerSupport", "ContainerRepository", "ContainerImageTags", "ContainerBaseImage", "ContainerUser"];

    [Fact]
    public async Task Every_service_builds_a_non_root_runtime_only_image_named_like_its_deployment()
    {
        var projects = generated.AspireManifest.RootElement.GetProperty("resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString() == "project.v0")
            .Select(r => (Name: r.Name, Path: Path.GetFullPath(Path.Combine(Path.GetDirectoryName(generated.AspireManifestPath)!, r.Value.GetProperty("path").GetString()!))))
            .ToList();
        Assert.NotEmpty(projects);

        var evaluations = await Task.WhenAll(projects.Select(p => EvaluateAsync(p.Path)));
        foreach (var ((name, _), properties) in projects.Zip(evaluations))
        {
            var deployment = generated.Objects["production"].Named("Deployment", name);
            var pod = deployment["spec"]!["template"]!["spec"]!;
            var image = (string)pod["containers"]![0]!["image"]!;
            var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);

            Assert.Equal("true", properties["EnableSdkContainerSupport"]);
            Assert.Equal(repository, properties["ContainerRepository"]);
            Assert.Contains(tag, properties["ContainerImageTags"].Split(';'));
            // The ASP.NET runtime image, never the SDK's.
            Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", properties["ContainerBaseImage"], StringComparison.Ordinal);
            Assert.DoesNotContain("sdk", properties["ContainerBaseImage"], StringComparison.OrdinalIgnoreCase);
            Assert.Equal(((long)pod["securityContext"]!["runAsUser"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), properties["ContainerUser"]);
        }
    }

    private static async Task<Dictionary<string, string>> EvaluateAsync(string project)
    {
        // ComputeContainerBaseImage is the SDK's own target that picks the base image; it needs no registry.
        var result = (await CommandLine.RunAsync("dotnet",
            ["msbuild", project, "-t:ComputeContainerBaseImage", .. Properties.Select(p => $"-getProperty:{p}")], TimeSpan.FromMinutes(1)))
            .EnsureSuccess($"evaluating {project}");
        var json = JsonNode.Parse(result.Output)!["Properties"]!.AsObject();
        return json.ToDictionary(p => p.Key, p => (string?)p.Value ?? "");
    }
}
