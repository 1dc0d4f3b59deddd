using System.Diagnostics;
using System.Reflection;

namespace Deployment.Tests.Support;

/// <summary>Runs a command to its end with a deadline and returns what it printed; the tests' only way to reach dotnet, kubectl and node.</summary>
public static class CommandLine
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public Result EnsureSuccess(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed ({ExitCode}):\n{Output}\n{Error}");
            return this;
        }
    }

    /// <summary>The configuration this test assembly was built in, so `dotnet run --no-build` finds the same AppHost build.</summary>
    public static string BuildConfiguration =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan deadline, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {deadline}.");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The AppHost, already built with this project, run as its users run it.</summary>
    public static Task<Result> AppHostAsync(params string[] args) =>
        RunAsync("dotnet", ["run", "--project", "AppHost", "--no-build", "-c", BuildConfiguration, "--", .. args], TimeSpan.FromMinutes(2));
}
