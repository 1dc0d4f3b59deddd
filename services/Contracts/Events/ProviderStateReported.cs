namespace NotificationAspire.Contracts.Events;

/// <summary>
/// What one delivery-worker replica knows about one of its providers right now: its breaker's state and since when,
/// until when an open breaker keeps it uncalled, the last error it saw, and how the provider's sends went since
/// <see cref="CountsSince"/>. Published to <see cref="KafkaTopics.ProviderStates"/> on every breaker transition and
/// as a heartbeat; a replica that stops reporting is stale to readers, never healthy.
/// </summary>
/// <param name="ReplicaId">The worker replica (its pod or AppHost instance name); breakers are per process.</param>
/// <param name="Position">The provider's place in its channel's failover order, from 1.</param>
/// <param name="State">`Closed`, `Open` or `HalfOpen` (see <see cref="BreakerStates"/>).</param>
/// <param name="OpenUntil">When an open breaker lets one probe through; null unless Open.</param>
public sealed record ProviderStateReported(
    string ReplicaId,
    string Channel,
    string Provider,
    int Position,
    string State,
    DateTimeOffset Since,
    DateTimeOffset? OpenUntil,
    string? LastError,
    DateTimeOffset ReportedAt) : IIntegrationEvent
{
    public static string EventType => "io.notificationaspire.delivery.provider-state-reported";

    public static KafkaTopic Topic => KafkaTopics.ProviderStates;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>Replica, channel and provider: a compacted topic keeps the latest report of each.</summary>
    public string PartitionKey => $"{ReplicaId}/{Channel}/{Provider}";

    /// <summary>Sends this provider took, refused for good, failed (it threw) and had held back, since <see cref="CountsSince"/>.</summary>
    public ProviderSendCounts? Counts { get; init; }

    /// <summary>The start of the counting window: the previous heartbeat, or when the replica started.</summary>
    public DateTimeOffset? CountsSince { get; init; }

    public string? MissingFields() =>
        !string.IsNullOrEmpty(ReplicaId) && !string.IsNullOrEmpty(Channel) && !string.IsNullOrEmpty(Provider) && !string.IsNullOrEmpty(State)
            ? null
            : "replicaId, channel, provider and state are required";
}

/// <summary>A provider's sends in a window, by outcome.</summary>
public sealed record ProviderSendCounts(long Accepted, long Rejected, long Failed, long Deferred);

/// <summary>The states a provider's circuit breaker reports.</summary>
public static class BreakerStates
{
    public const string Closed = "Closed";
    public const string Open = "Open";

    /// <summary>The break is over and one probe is with the provider.</summary>
    public const string HalfOpen = "HalfOpen";
}
