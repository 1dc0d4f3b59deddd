using NotificationAspire.TestSupport;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// The platform as the end-to-end tests start it (local mode, a data folder of its own), with the benchmark's
/// settings: how many delivery workers, email to the counting sink, and the sending client's gateway budget
/// lifted, since a benchmark measures the pipeline, not the rate limit.
/// </summary>
public sealed class BenchPlatform(int workerReplicas, int sinkPort) : PlatformFixture
{
    public const string Sender = ServiceAccounts.OrderService;

    public int WorkerReplicas => workerReplicas;

    protected override IEnumerable<string> AppHostArguments() =>
    [
        .. base.AppHostArguments(),
        $"--DeliveryWorker:Replicas={workerReplicas}",
        $"--Mail:DeliverTo=smtp://127.0.0.1:{sinkPort}",
        $"--RateLimiting:Clients:{Sender}:TokenLimit=1000000",
        $"--RateLimiting:Clients:{Sender}:TokensPerPeriod=1000000",
        $"--RateLimiting:Clients:{Sender}:ReplenishmentPeriod=00:00:01",
        // The AppHost's own console: the figures, not every resource's log lines (those are in artifacts/logs).
        "--Logging:LogLevel:Default=Warning",
    ];
}
