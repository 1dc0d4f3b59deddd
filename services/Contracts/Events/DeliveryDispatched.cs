namespace NotificationAspire.Contracts.Events;

/// <summary>
/// One delivery (a notification to one recipient on one channel) ready to be attempted. The worker fans a
/// <see cref="NotificationRequested"/> out into these on <see cref="KafkaTopics.NotificationDispatch"/>, keyed
/// by recipient so one partition sees one person's messages in order; retries travel as the same record on
/// a retry tier with <see cref="Attempt"/> and <see cref="NotBefore"/> moved on; a dead letter is this record.
/// </summary>
public sealed record DeliveryDispatched(
    Guid NotificationId,
    string DeliveryKey,
    string RecipientUserId,
    string Contact,
    string Channel,
    string Subject,
    string Body,
    string? CorrelationKey,
    int Attempt,
    DateTimeOffset? NotBefore,
    IReadOnlyList<AttemptRecord> History,
    string? ReplayId = null) : IIntegrationEvent, IScheduledEvent
{
    public static string EventType => "io.notificationaspire.delivery.dispatched";

    public static KafkaTopic Topic => KafkaTopics.NotificationDispatch;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>By recipient: one person's messages keep their order.</summary>
    public string PartitionKey => RecipientUserId;

    public string? MissingFields() =>
        NotificationId != Guid.Empty && !string.IsNullOrEmpty(DeliveryKey) && !string.IsNullOrEmpty(RecipientUserId) && Contact is not null
            && !string.IsNullOrEmpty(Channel) && Subject is not null && Body is not null && Attempt >= 1
            ? null
            : "notificationId, deliveryKey, recipientUserId, contact, channel, subject, body and an attempt of at least 1 are required";
}

/// <summary>One earlier try of a delivery and how it ended (a provider error, a deferral, a rejection).</summary>
public sealed record AttemptRecord(int Attempt, DateTimeOffset At, string Outcome, string? Error);
