namespace Delivery.Worker.Model;

/// <summary>
/// A sender cancelled a notification. Kept for good, because deliveries of it may still be created later
/// (a fan-out record or a retry still on its way) and each must find out before it sends.
/// </summary>
public sealed class NotificationCancellation
{
    public Guid NotificationId { get; init; }
    public required string CancelledBy { get; init; }
    public DateTimeOffset CancelledAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public string Reason => $"Cancelled by {CancelledBy} at {CancelledAt:O}.";
}
