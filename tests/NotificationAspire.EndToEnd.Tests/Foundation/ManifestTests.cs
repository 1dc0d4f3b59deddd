using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using NotificationAspire.Contracts;

namespace NotificationAspire.EndToEnd.Tests.Foundation;

/// <summary>
/// `--publisher manifest` is what Kubernetes tooling (aspirate) reads: it must describe the container model
/// whatever the machine has, with no executables, no host paths and no secrets in plain text.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_published_manifest_is_the_container_model_without_executables_or_secrets()
    {
        // Its own folder: generated Dockerfiles are written beside the manifest.
        var folder = Directory.CreateTempSubdirectory("notificationaspire-manifest-").FullName;
        var output = Path.Combine(folder, "manifest.json");
        try
        {
            await PublishManifestAsync(output);
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var resources = manifest.RootElement.GetProperty("resources").EnumerateObject()
                .ToDictionary(r => r.Name, r => r.Value.GetProperty("type").GetString());

            Assert.Equal("container.v0", resources[ResourceNames.Postgres]);
            Assert.Equal("value.v0", resources[ResourceNames.NotificationsDatabase]);
            Assert.Equal("container.v0", resources[ResourceNames.Kafka]);
            Assert.Equal("container.v1", resources[ResourceNames.Identity]);
            Assert.Equal("container.v0", resources[ResourceNames.Mail]);
            Assert.Equal("project.v0", resources[ResourceNames.NotificationsApi]);
            Assert.Equal("project.v0", resources[ResourceNames.DeliveryWorker]);
            Assert.Equal("project.v0", resources[ResourceNames.Gateway]);
            Assert.DoesNotContain("executable.v0", resources.Values);
            Assert.All(resources.Values, type => Assert.NotEqual("annotated.string", type));

            // A cluster has no host paths: Keycloak's realm is baked into an image built from the repo's realm file.
            var identityBuild = manifest.RootElement.GetProperty("resources").GetProperty(ResourceNames.Identity).GetProperty("build");
            Assert.EndsWith("AppHost/Realms", identityBuild.GetProperty("context").GetString()!.Replace('\\', '/'), StringComparison.Ordinal);
            var dockerfile = await File.ReadAllTextAsync(Path.Combine(folder, identityBuild.GetProperty("dockerfile").GetString()!));
            Assert.StartsWith("FROM quay.io/keycloak/keycloak:", dockerfile, StringComparison.Ordinal);
            Assert.Contains("COPY notifications-realm.json /opt/keycloak/data/import/", dockerfile, StringComparison.Ordinal);

            // Only the gateway's traffic is exposed; probes and scrapes reach its management port inside the cluster.
            var gatewayBindings = manifest.RootElement.GetProperty("resources").GetProperty(ResourceNames.Gateway).GetProperty("bindings");
            Assert.True(gatewayBindings.GetProperty("http").GetProperty("external").GetBoolean());
            Assert.False(gatewayBindings.GetProperty(ManagementEndpoint.Name).TryGetProperty("external", out _));

            var text = await File.ReadAllTextAsync(output);
            Assert.DoesNotContain("bindMounts", text);
            Assert.DoesNotContain("DB_URI", text); // built from values deployment tools leave unfilled
            Assert.Contains("\"secret\": true", text); // client secrets travel as secret parameters
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task PublishManifestAsync(string output)
    {
        var configuration = typeof(ManifestTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "--project", "AppHost", "--no-build", "-c", configuration, "--",
                     "--publisher", "manifest", "--output-path", output })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"manifest publish failed: {await stdout}\n{await stderr}");
    }
}
