namespace Delivery.Worker.Holding;

/// <summary>
/// Every second, releases what has fallen due (held deliveries, digest windows), a batch at a time until a batch
/// comes back short. A failed batch is logged and tried again at the next tick: what it held is still in the
/// database, so nothing is lost by waiting.
/// </summary>
public abstract class DueReleaser(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>Rows one batch takes; a batch this full means more may be due.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>What is released, for the log ("held deliveries").</summary>
    protected abstract string Releases { get; }

    /// <summary>Releases one batch of what is due now; returns how many it took.</summary>
    protected abstract Task<int> ReleaseDueAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        do
        {
            try
            {
                while (await ReleaseDueAsync(stoppingToken) == BatchSize)
                {
                    // a full batch: more may be due
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not release {Releases}; trying again in {PollInterval}", Releases, PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
