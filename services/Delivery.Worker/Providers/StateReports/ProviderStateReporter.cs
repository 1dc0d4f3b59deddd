using Delivery.Worker.Providers.Failover;
using Delivery.Worker.Providers.Protection;
using Microsoft.Extensions.Options;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Providers.StateReports;

/// <summary>
/// Tells operators what this replica knows about its providers: a report per provider when its breaker changes state,
/// and of every provider each heartbeat (which also restarts the counting window). Off the send path: a broker that
/// does not answer costs a warning and a missed report, never a delivery; readers then see this replica go stale.
/// </summary>
internal sealed class ProviderStateReporter(
    ChannelProviders channels,
    ChannelGuards guards,
    BreakerTransitions transitions,
    IEventBus bus,
    IOptions<ProviderStateOptions> options,
    TimeProvider time,
    ILogger<ProviderStateReporter> logger) : BackgroundService
{
    private readonly string replicaId = options.Value.ReplicaId!;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(HeartbeatAsync(stoppingToken), TransitionsAsync(stoppingToken));

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            do
            {
                foreach (var (provider, position) in Providers())
                {
                    await ReportAsync(provider, position, restartWindow: true, ct);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task TransitionsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var label in transitions.Changed.ReadAllAsync(ct))
            {
                foreach (var (provider, position) in Providers().Where(p => ChannelGuards.Label(p.Provider) == label))
                {
                    await ReportAsync(provider, position, restartWindow: false, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>Every provider of every channel, with its place in the channel's failover order (from 1).</summary>
    private IEnumerable<(IChannelProvider Provider, int Position)> Providers() =>
        channels.All.SelectMany(chain => chain.Providers.Select((provider, i) => (provider, i + 1)));

    private async Task ReportAsync(IChannelProvider provider, int position, bool restartWindow, CancellationToken ct)
    {
        var guard = guards.For(provider);
        var now = time.GetUtcNow();
        var tally = restartWindow ? guard.Tally.TakeWindow(now) : guard.Tally.Peek();
        var report = ProviderStateReports.Build(replicaId, provider, position, guard.Breaker.Snapshot(), tally, now);
        try
        {
            await bus.PublishAsync(report, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not report the state of provider {Provider} of {Channel}; the next report follows within {HeartbeatInterval}",
                report.Provider, report.Channel, options.Value.HeartbeatInterval);
        }
    }
}
