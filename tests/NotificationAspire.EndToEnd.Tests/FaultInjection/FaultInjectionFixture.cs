namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// A platform of its own for the fault-injection suite, which kills and restarts resources: never shared with
/// other collections. Same start-up as <see cref="PlatformFixture"/> (local mode, own data folder, waits until
/// every resource is healthy), with short retry delays, a quick circuit breaker and a quick reconciler, so
/// that recovering from each fault takes seconds instead of minutes.
/// </summary>
public class FaultInjectionFixture : PlatformFixture
{
    private const string Worker = $"--ServiceSettings:{Contracts.ResourceNames.DeliveryWorker}";
    private const string Api = $"--ServiceSettings:{Contracts.ResourceNames.NotificationsApi}";

    public static readonly IReadOnlyList<string> Settings =
    [
        $"{Worker}:Delivery:Retry:Delays:0=00:00:01",
        $"{Worker}:Delivery:Retry:Delays:1=00:00:02",
        $"{Worker}:Delivery:Retry:Delays:2=00:00:04",
        $"{Worker}:Delivery:Retry:MaxAttempts=3",
        // Local mode's proxy accepts connections for a stopped sink and never answers: give up on it quickly.
        $"{Worker}:Email:CommandTimeout=00:00:03",
        // But a live sink's verdict on a message is worth waiting for: giving up on it is how a message goes out twice.
        // With the command timeout it must fit in the send budget, four fifths of the lease below (12 s).
        $"{Worker}:Email:DataTimeout=00:00:08",
        // A killed replica's half-done send is taken over after this long (minutes in production).
        $"{Worker}:Delivery:Retry:SendingLease=00:00:15",
        $"{Worker}:Delivery:Protection:BreakDuration=00:00:02",
        $"{Worker}:Delivery:Protection:BreakerFailureThreshold=3",
        $"{Worker}:Delivery:Protection:ProviderPermitsPerSecond=1000",
        $"{Worker}:Delivery:Protection:RecipientPermitsPerMinute=100",
        $"{Api}:Reconciler:StuckAfter=00:00:20",
        $"{Api}:Reconciler:Interval=00:00:05",
        // Small fan-out pages, so that a topic send of 10,000 is still fanning out when notifications-api is killed.
        $"{Api}:FanOut:PageSize=100",
    ];

    protected override IEnumerable<string> AppHostArguments() => [.. base.AppHostArguments(), .. Settings];

    /// <summary>What the delivery-worker replicas logged about one notification (to explain a duplicate or a loss).</summary>
    public IReadOnlyList<string> WorkerLinesAbout(Guid? notificationId) =>
        notificationId is { } id && Logs is { } logs ? logs.LinesMentioning(Contracts.ResourceNames.DeliveryWorker, id.ToString("N")) : [];
}

/// <summary>
/// Runs alone (no other collection in parallel): it takes resources down on purpose and loads the machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionCollection : ICollectionFixture<FaultInjectionFixture>
{
    public const string Name = "fault-injection";
}

/// <summary>
/// The topic fan-out fault case on a platform of its own, with the same settings: its 10,000 emails and reports
/// slowed the mail sink and the status projection enough to make the fault cases after it time out.
/// </summary>
public sealed class FanOutFaultFixture : FaultInjectionFixture;

/// <summary>Runs alone, like <see cref="FaultInjectionCollection"/>.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FanOutFaultCollection : ICollectionFixture<FanOutFaultFixture>
{
    public const string Name = "fan-out-faults";
}
