namespace NotificationAspire.Contracts;

/// <summary>A consumer group: its id and the topics its members read.</summary>
public sealed record ConsumerGroup(string Id, IReadOnlyList<KafkaTopic> Topics);

/// <summary>Every consumer group of the platform, so ids are declared once and never typed twice.</summary>
public static class ConsumerGroups
{
    /// <summary>New requests and cancellations, fanned out into deliveries.</summary>
    public static readonly ConsumerGroup DeliveryRequests = new(ResourceNames.DeliveryWorker, [KafkaTopics.NotificationRequests]);

    /// <summary>First attempts and replays; a group of its own so sending never holds up the fan-out.</summary>
    public static readonly ConsumerGroup DeliveryDispatch = new($"{ResourceNames.DeliveryWorker}-dispatch", [KafkaTopics.NotificationDispatch]);

    /// <summary>Every retry tier, each record read when it is due; apart, so a backlog of retries never holds up first attempts.</summary>
    public static readonly ConsumerGroup DeliveryRetries = new($"{ResourceNames.DeliveryWorker}-retry", KafkaTopics.RetryTiers);

    /// <summary>The command side's status view, built from the worker's status events.</summary>
    public static readonly ConsumerGroup NotificationStatus = new($"{ResourceNames.NotificationsApi}-status", [KafkaTopics.NotificationStatus]);

    /// <summary>Dead letters kept in PostgreSQL for operators.</summary>
    public static readonly ConsumerGroup DeadLetters = new($"{ResourceNames.NotificationsApi}-dead-letters", [KafkaTopics.NotificationDeadLetters]);

    /// <summary>
    /// The read side's projection: accepted requests (who sent what), every delivery's status and the in-app messages,
    /// into inboxes and delivery timelines.
    /// </summary>
    public static readonly ConsumerGroup InboxProjection = new($"{ResourceNames.InboxApi}-projection",
        [KafkaTopics.NotificationRequests, KafkaTopics.NotificationStatus, KafkaTopics.InboxMessages]);

    /// <summary>The workers' provider reports, kept by the read side as each replica's latest view of each provider.</summary>
    public static readonly ConsumerGroup ProviderStates = new($"{ResourceNames.InboxApi}-provider-states", [KafkaTopics.ProviderStates]);

    /// <summary>Every group, so deployment tooling (autoscaling on consumer lag) finds them without a list of its own.</summary>
    public static IReadOnlyList<ConsumerGroup> All { get; } =
        [DeliveryRequests, DeliveryDispatch, DeliveryRetries, NotificationStatus, DeadLetters, InboxProjection, ProviderStates];
}
