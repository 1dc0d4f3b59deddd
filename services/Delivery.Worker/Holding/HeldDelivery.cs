namespace Delivery.Worker.Holding;

/// <summary>
/// A delivery's next record, kept in the database until it is due, for waits too long for a retry tier (quiet
/// hours until morning): a record on a tier holds up every record behind it on its partition until it is due.
/// </summary>
public sealed class HeldDelivery
{
    public required string DeliveryKey { get; init; }

    /// <summary>The <see cref="NotificationAspire.Contracts.Events.DeliveryDispatched"/> record to publish when due, as JSON.</summary>
    public required string Record { get; set; }

    public DateTimeOffset DueAt { get; set; }
}
