namespace NotificationAspire.Contracts.Events;

/// <summary>
/// An in-app message the worker delivered to a person's inbox: the delivery itself, so producing it (acks all) is
/// what makes the attempt Delivered. Published to <see cref="KafkaTopics.InboxMessages"/>, keyed by recipient so one
/// person's messages keep their order; its id is the delivery key, so a send made again is the same event.
/// `inbox-api` projects it; nothing else reads it.
/// </summary>
/// <param name="Url">Where the item leads when opened, or null.</param>
/// <param name="Locale">The language it was rendered in, when from a template.</param>
public sealed record InAppMessageDelivered(
    Guid NotificationId,
    string DeliveryKey,
    string RecipientUserId,
    string Category,
    string Title,
    string Body,
    string? Url,
    string? Locale,
    DateTimeOffset DeliveredAt) : IIntegrationEvent
{
    public static string EventType => "io.notificationaspire.inbox.message-delivered";

    public static KafkaTopic Topic => KafkaTopics.InboxMessages;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>By recipient: one person's inbox items arrive in the order they were delivered.</summary>
    public string PartitionKey => RecipientUserId;

    public string? MissingFields() =>
        NotificationId != Guid.Empty && !string.IsNullOrEmpty(DeliveryKey) && !string.IsNullOrEmpty(RecipientUserId)
            && !string.IsNullOrEmpty(Category) && Title is not null && Body is not null
            ? null
            : "notificationId, deliveryKey, recipientUserId, category, title and body are required";
}
