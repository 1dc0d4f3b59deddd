namespace NotificationAspire.Contracts.Events;

/// <summary>
/// The command side accepted a notification; the delivery worker delivers it to every recipient.
/// Published through the outbox to <see cref="KafkaTopics.NotificationRequests"/>, keyed by notification id.
/// </summary>
public sealed record NotificationRequested(
    Guid NotificationId,
    string SenderId,
    string Channel,
    string Subject,
    string Body,
    string? CorrelationKey,
    IReadOnlyList<RecipientAddress> Recipients,
    DateTimeOffset RequestedAt)
{
    public const string EventType = "io.notificationaspire.notification.requested";

    /// <summary>Bumped on a breaking change; consumers read the versions they know and dead-letter the rest.</summary>
    public int SchemaVersion { get; init; } = 1;
}

/// <summary>A person and the address to reach them on the notification's channel.</summary>
public sealed record RecipientAddress(string UserId, string Contact);
