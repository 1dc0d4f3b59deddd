using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deployment.Tests.Support;

/// <summary>
/// The README's one command, run once for the collection: the Aspire manifest first (for its parameter names),
/// then the `kubernetes` step with every secret parameter set to a recognisable sentinel value, then each overlay
/// rendered by `kubectl kustomize` and every rendered object validated by eng/kubernetes-validation.
/// </summary>
public sealed class GeneratedManifests : IAsyncLifetime
{
    public static readonly string[] Overlays = ["dev", "production", "istio"];

    /// <summary>What no generated file may contain: the value given to every secret parameter.</summary>
    public const string SecretSentinel = "Sentinel0SecretValue0Never0In0Files";

    public string Root { get; } = Directory.CreateTempSubdirectory("notificationaspire-k8s-").FullName;

    public string OutputPath => Path.Combine(Root, "k8s");

    public string AspireManifestPath => Path.Combine(Root, "aspire", "aspire-manifest.json");

    public JsonDocument AspireManifest { get; private set; } = null!;

    /// <summary>Each overlay's `kubectl kustomize` output, and its objects.</summary>
    public Dictionary<string, string> Rendered { get; } = [];

    public Dictionary<string, List<JsonObject>> Objects { get; } = [];

    public CommandLine.Result SchemaValidation { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var validation = Path.Combine(RepositoryPaths.Root(), "eng", "kubernetes-validation");
        var install = Task.CompletedTask;
        if (!Directory.Exists(Path.Combine(validation, "node_modules")))
        {
            // eng/bootstrap.sh installs them; a test run on its own still gets exactly the lock file's versions.
            install = CommandLine.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(3), validation)
                .ContinueWith(t => t.Result.EnsureSuccess("npm ci in eng/kubernetes-validation"), TaskScheduler.Default);
        }

        (await CommandLine.AppHostAsync("--publisher", "manifest", "--output-path", Path.GetDirectoryName(AspireManifestPath)!))
            .EnsureSuccess("publishing the Aspire manifest");
        AspireManifest = JsonDocument.Parse(await File.ReadAllTextAsync(AspireManifestPath));

        var sentinels = SecretParameters().SelectMany(p => new[] { $"--Parameters:{p}={SecretSentinel}" });
        (await CommandLine.AppHostAsync(["--operation", "publish", "--step", "kubernetes", "--output-path", OutputPath, .. sentinels]))
            .EnsureSuccess("the kubernetes step");

        var renders = Overlays.ToDictionary(o => o, o => CommandLine.RunAsync("kubectl", ["kustomize", Path.Combine(OutputPath, "overlays", o)], TimeSpan.FromMinutes(1)));
        foreach (var (overlay, render) in renders)
        {
            var result = (await render).EnsureSuccess($"kubectl kustomize overlays/{overlay}");
            Rendered[overlay] = result.Output;
            Objects[overlay] = KubernetesObjects.Parse(result.Output);
            await File.WriteAllTextAsync(Path.Combine(Root, $"{overlay}.yaml"), result.Output);
        }

        await install;
        SchemaValidation = await CommandLine.RunAsync("node",
            [Path.Combine(validation, "validate.mjs"), .. Overlays.Select(o => Path.Combine(Root, $"{o}.yaml"))], TimeSpan.FromMinutes(1));
    }

    /// <summary>Every parameter the manifest marks secret.</summary>
    public IEnumerable<string> SecretParameters() =>
        AspireManifest.RootElement.GetProperty("resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("type").GetString() == "parameter.v0"
                && r.Value.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean())
            .Select(r => r.Name);

    /// <summary>Every file the step wrote, with its path relative to the output folder.</summary>
    public IEnumerable<(string Path, string Content)> Files() =>
        Directory.EnumerateFiles(OutputPath, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(OutputPath, f), File.ReadAllText(f)));

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class GeneratedManifestsCollection : ICollectionFixture<GeneratedManifests>
{
    public const string Name = "generated manifests";
}
