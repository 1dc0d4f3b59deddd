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
    string? ReplayId = null)
{
    public const string EventType = "io.notificationaspire.delivery.dispatched";

    public int SchemaVersion { get; init; } = 1;
}

/// <summary>One earlier try of a delivery and how it ended (a provider error, a deferral, a rejection).</summary>
public sealed record AttemptRecord(int Attempt, DateTimeOffset At, string Outcome, string? Error);
