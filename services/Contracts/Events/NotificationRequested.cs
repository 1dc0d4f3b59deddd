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
    DateTimeOffset RequestedAt) : IIntegrationEvent
{
    public static string EventType => "io.notificationaspire.notification.requested";

    public static KafkaTopic Topic => KafkaTopics.NotificationRequests;

    /// <summary>Bumped on a breaking change; consumers read the versions they know and dead-letter the rest.</summary>
    public int SchemaVersion { get; init; } = 1;

    public string PartitionKey => NotificationId.ToString();

    public string? MissingFields() =>
        NotificationId != Guid.Empty && !string.IsNullOrEmpty(Channel) && Subject is not null && Body is not null && Recipients is not null
            && Recipients.All(r => r is not null && !string.IsNullOrEmpty(r.UserId) && r.Contact is not null)
            ? null
            : "notificationId, channel, subject, body and recipients (each with userId and contact) are required";
}

/// <summary>A person and the address to reach them on the notification's channel.</summary>
public sealed record RecipientAddress(string UserId, string Contact);
