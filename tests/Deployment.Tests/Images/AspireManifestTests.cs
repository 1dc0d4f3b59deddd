using System.Text.Json;
using System.Text.RegularExpressions;
using Deployment.Tests.Support;

namespace Deployment.Tests.Images;

/// <summary>
/// The Aspire manifest stays good input for aspirate (measured: it handles project, container, parameter and value
/// resources and fills placeholders of those; it fails on executables and leaves annotated strings unfilled).
/// </summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed partial class AspireManifestTests(GeneratedManifests generated)
{
    private static readonly string[] AspirateTypes = ["project.v0", "container.v0", "container.v1", "parameter.v0", "value.v0"];

    private JsonElement Resources => generated.AspireManifest.RootElement.GetProperty("resources");

    [Fact]
    public void Every_resource_is_of_a_type_aspirate_handles()
    {
        Assert.All(Resources.EnumerateObject(), r => Assert.Contains(r.Value.GetProperty("type").GetString(), AspirateTypes));
    }

    [Fact]
    public void Every_placeholder_names_a_resource_and_a_value_aspirate_fills()
    {
        var text = File.ReadAllText(generated.AspireManifestPath);
        var placeholders = Placeholder().Matches(text).Select(m => m.Groups["expression"].Value).Distinct().ToList();
        Assert.NotEmpty(placeholders);
        Assert.All(placeholders, expression =>
        {
            var parts = expression.Split('.');
            Assert.True(Resources.TryGetProperty(parts[0], out var resource), $"{{{expression}}} names no resource");
            var path = string.Join('.', parts.Skip(1));
            var filled = resource.GetProperty("type").GetString() switch
            {
                "parameter.v0" => path is "value" or "inputs.value",
                "value.v0" => path == "connectionString",
                _ => path == "connectionString"
                    || parts.Length == 4 && parts[1] == "bindings" && resource.GetProperty("bindings").TryGetProperty(parts[2], out _)
                       && parts[3] is "host" or "port" or "targetPort" or "url" or "scheme",
            };
            Assert.True(filled, $"{{{expression}}} is not a value aspirate fills");
        });
    }

    [Fact]
    public async Task It_holds_no_secret_value_no_host_path_and_no_absolute_path()
    {
        // Published again with every secret parameter given a value: the manifest must still only name them.
        var folder = Path.Combine(generated.Root, "aspire-with-secrets");
        (await CommandLine.AppHostAsync(["--publisher", "manifest", "--output-path", folder,
            .. generated.SecretParameters().Select(p => $"--Parameters:{p}={GeneratedManifests.SecretSentinel}")]))
            .EnsureSuccess("publishing the Aspire manifest with secret values");
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "aspire-manifest.json"));
        Assert.DoesNotContain(GeneratedManifests.SecretSentinel, text, StringComparison.Ordinal);
        Assert.DoesNotContain("bindMounts", text, StringComparison.Ordinal);

        foreach (var resource in Resources.EnumerateObject())
        {
            if (resource.Value.TryGetProperty("path", out var path))
            {
                Assert.False(Path.IsPathRooted(path.GetString()), $"{resource.Name} has an absolute project path");
            }
            if (resource.Value.TryGetProperty("build", out var build))
            {
                Assert.False(Path.IsPathRooted(build.GetProperty("context").GetString()), $"{resource.Name} has an absolute build context");
            }
            if (resource.Value.TryGetProperty("volumes", out var volumes))
            {
                Assert.All(volumes.EnumerateArray(), v => Assert.False(v.TryGetProperty("source", out _)));
            }
            if (resource.Value.GetProperty("type").GetString() == "parameter.v0"
                && resource.Value.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean())
            {
                // A secret parameter is generated or asked for, never given a default in the manifest.
                var input = resource.Value.GetProperty("inputs").GetProperty("value");
                Assert.False(input.TryGetProperty("default", out var @default) && @default.TryGetProperty("value", out _), $"{resource.Name} has a default value");
            }
        }
    }

    [GeneratedRegex(@"\{(?<expression>[a-z0-9-]+\.[A-Za-z0-9.\-]+)\}")]
    private static partial Regex Placeholder();
}
