using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Work a service does once before it takes traffic or reads its first record, so that the first real
/// request does not pay for it: the identity provider's signing keys, the service's own token, a hot query
/// compiled. Measured before this existed: the worker's first call to preferences-api took over 2 s on a
/// freshly started platform (token, key discovery, EF compiling the query, JIT), its timeout, so the first
/// deliveries after every start or rollout waited for no reason.
/// </summary>
/// <param name="Name">What is warmed, for the log.</param>
public sealed record WarmUpStep(string Name, Func<IServiceProvider, CancellationToken, Task> RunAsync);

public static class StartupWarmUpExtensions
{
    /// <summary>Runs <paramref name="run"/> once while the host starts, before any hosted service (consumers included) starts.</summary>
    public static IServiceCollection AddWarmUp(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> run)
    {
        services.AddSingleton(new WarmUpStep(name, run));
        services.AddHostedService<StartupWarmUp>(); // registered once however many steps (TryAddEnumerable)
        return services;
    }
}

/// <summary>
/// Runs the <see cref="WarmUpStep"/>s in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host
/// calls before starting any hosted service and before the server listens, so readiness waits for them.
/// Best effort: a step that fails or takes longer than <see cref="Bound"/> is logged and the service starts anyway
/// (a dependency that is down now is the resilience pipeline's business, not a reason not to start).
/// </summary>
internal sealed class StartupWarmUp(IEnumerable<WarmUpStep> steps, IServiceProvider services, ILogger<StartupWarmUp> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(Bound);
            var watch = Stopwatch.StartNew();
            try
            {
                await step.RunAsync(services, bounded.Token);
                logger.LogInformation("Warmed up {Step} in {Elapsed} ms", step.Name, watch.ElapsedMilliseconds);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not warm up {Step} within {Elapsed} ms ({Error}); the first request that needs it pays instead", step.Name, watch.ElapsedMilliseconds, ex.Message);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
