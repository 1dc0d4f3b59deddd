namespace NotificationAspire.Contracts.Events;

/// <summary>
/// A sender cancelled a notification (through its correlation key). Published to
/// <see cref="KafkaTopics.NotificationRequests"/> with the notification id as key, so it follows the request
/// on the same partition. The worker stops every delivery of it that is not final yet.
/// </summary>
public sealed record NotificationCancelled(Guid NotificationId, string CorrelationKey, string CancelledBy, DateTimeOffset CancelledAt)
    : IIntegrationEvent
{
    public static string EventType => "io.notificationaspire.notification.cancelled";

    /// <summary>The requests' topic, keyed like the request: a cancellation never overtakes what it cancels.</summary>
    public static KafkaTopic Topic => KafkaTopics.NotificationRequests;

    public int SchemaVersion { get; init; } = 1;

    public string PartitionKey => NotificationId.ToString();

    public string? MissingFields() =>
        NotificationId != Guid.Empty && CancelledBy is not null ? null : "notificationId and cancelledBy are required";
}
