using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotificationAspire.AppHost.Kubernetes.Model;
using NotificationAspire.AppHost.Kubernetes.Output;

namespace NotificationAspire.AppHost.Kubernetes;

/// <summary>
/// The `kubernetes` pipeline step: kustomize manifests (a base and the dev, production and istio overlays) written
/// from the AppHost model to the folder given as `--output-path`. Run it with
/// `dotnet run --project AppHost -- --operation publish --step kubernetes --output-path "$PWD/deploy/k8s"` (Aspire takes a relative path from the AppHost folder)
/// (the Aspire CLI's `aspire do kubernetes` names the same step; the CLI is not installed here to try it). Aspire's own Kubernetes publisher is not on our package source, and what it and
/// aspirate write lacks probes, autoscaling, budgets, limits and policies.
/// </summary>
public static class KubernetesPublishing
{
    public const string StepName = "kubernetes";

    /// <summary>The folders this step owns inside the output folder; they are replaced, anything else is left alone.</summary>
    private static readonly string[] OwnedFolders = ["base", "overlays"];

    public static IDistributedApplicationBuilder AddKubernetesManifests(this IDistributedApplicationBuilder builder)
    {
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // experimental in Aspire 13
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var options = builder.Configuration.GetSection(KubernetesOptions.SectionName).Get<KubernetesOptions>() ?? new KubernetesOptions();
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
            var written = await GenerateAsync(context.Model, context.ExecutionContext, options, output, repositoryRoot, context.CancellationToken);
            context.Logger.LogInformation("Wrote {FileCount} Kubernetes files to {OutputPath}", written, output);
        });
#pragma warning restore ASPIREPIPELINES001, ASPIREPIPELINES004
        return builder;
    }

    /// <summary>Writes the manifests of <paramref name="model"/> to <paramref name="outputPath"/>; returns how many files.</summary>
    /// <param name="sourceRoot">The repository's root, which the guide's build commands start from.</param>
    public static async Task<int> GenerateAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext,
        KubernetesOptions options, string outputPath, string sourceRoot, CancellationToken ct)
    {
        var workloads = await WorkloadReader.ReadAsync(model, executionContext, options, ct);
        var files = new KustomizeLayout(new Topology(workloads), options, sourceRoot).Files();
        foreach (var folder in OwnedFolders.Select(f => Path.Combine(outputPath, f)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
        foreach (var (relativePath, content) in files)
        {
            var path = Path.Combine(outputPath, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content, ct);
        }
        return files.Count;
    }
}
