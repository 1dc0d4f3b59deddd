using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>
/// Reads `Infrastructure:Mode` (containers, local or auto). Publishing always describes the container
/// model, because a cluster runs images, never the processes of a developer's machine.
/// </summary>
public static class InfrastructureModeResolver
{
    public const string ConfigurationKey = "Infrastructure:Mode";

    public static InfrastructureMode ResolveInfrastructureMode(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        var configured = builder.Configuration[ConfigurationKey]?.Trim().ToLowerInvariant() ?? "auto";
        return configured switch
        {
            "containers" => InfrastructureMode.Containers,
            "local" => InfrastructureMode.Local,
            "auto" => ContainerEngineAnswers(builder.Configuration) ? InfrastructureMode.Containers : InfrastructureMode.Local,
            _ => throw new InvalidOperationException(
                $"{ConfigurationKey} is '{configured}'; use 'containers', 'local' or 'auto'."),
        };
    }

    /// <summary>A docker or podman client alone is not enough: the engine behind it has to answer.</summary>
    private static bool ContainerEngineAnswers(IConfiguration configuration)
    {
        var preferred = configuration["ASPIRE_CONTAINER_RUNTIME"];
        string[] candidates = string.IsNullOrWhiteSpace(preferred) ? ["docker", "podman"] : [preferred];
        return candidates.Any(EngineAnswers);
    }

    private static bool EngineAnswers(string cli)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(cli, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // the CLI is not installed
        }
    }
}
