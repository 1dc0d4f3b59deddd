using NotificationAspire.TestSupport;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// The platform as the end-to-end tests start it (local mode, a data folder of its own), with the benchmark's
/// settings: how many delivery workers, email to the counting sink, and two budgets lifted, since a benchmark
/// measures the pipeline, not its limits: the sending client's at the gateway, and the worker's per-provider rate
/// (`Delivery:Protection:ProviderPermitsPerSecond`, 50 per worker by default, which stands for a real provider's
/// quota and would otherwise be the figure measured).
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
        $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}:Delivery:Protection:ProviderPermitsPerSecond=100000",
        // The AppHost's own console: the figures, not every resource's log lines (those are in artifacts/logs).
        "--Logging:LogLevel:Default=Warning",
    ];
}
