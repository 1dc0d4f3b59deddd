namespace NotificationAspire.Contracts.Events;

/// <summary>
/// A sender cancelled a notification (through its correlation key). Published to
/// <see cref="KafkaTopics.NotificationRequests"/> with the notification id as key, so it follows the request
/// on the same partition. The worker stops every delivery of it that is not final yet.
/// </summary>
public sealed record NotificationCancelled(Guid NotificationId, string CorrelationKey, string CancelledBy, DateTimeOffset CancelledAt)
{
    public const string EventType = "io.notificationaspire.notification.cancelled";

    public int SchemaVersion { get; init; } = 1;
}
