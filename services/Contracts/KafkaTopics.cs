namespace NotificationAspire.Contracts;

/// <summary>A topic the platform needs, declared once so both infrastructure modes create the same set.</summary>
/// <param name="Compacted">Kafka keeps only the latest record per key (`cleanup.policy=compact`): a topic of current states, not of history.</param>
public sealed record KafkaTopic(string Name, int Partitions, bool Compacted = false);

/// <summary>Every topic the platform uses. The AppHost makes sure they exist before any service starts.</summary>
public static class KafkaTopics
{
    public static readonly KafkaTopic NotificationRequests = new("notification-requests", 4);
    public static readonly KafkaTopic NotificationDispatch = new("notification-dispatch", 8);
    public static readonly KafkaTopic NotificationStatus = new("notification-status", 4);
    public static readonly KafkaTopic NotificationDeadLetters = new("notification-dlq", 1);

    /// <summary>In-app messages the worker delivered, keyed by person: `inbox-api` projects them into inboxes.</summary>
    public static readonly KafkaTopic InboxMessages = new("notification-inbox", 4);

    /// <summary>
    /// Each worker replica's report on each of its providers (breaker state, recent counts), on every breaker
    /// transition and as a heartbeat; keyed by replica, channel and provider, so compaction keeps the latest of each.
    /// `inbox-api` projects them for operators (`GET /api/providers`).
    /// </summary>
    public static readonly KafkaTopic ProviderStates = new("provider-states", 1, Compacted: true);

    /// <summary>Delayed retry tiers, shortest first; their delays and the attempt limit are the worker's configuration.</summary>
    public static readonly IReadOnlyList<KafkaTopic> RetryTiers =
    [
        new("notification-retry-short", 8),
        new("notification-retry-medium", 8),
        new("notification-retry-long", 8),
    ];

    public static IReadOnlyList<KafkaTopic> All { get; } =
        [NotificationRequests, NotificationDispatch, NotificationStatus, NotificationDeadLetters, InboxMessages, ProviderStates, .. RetryTiers];
}
