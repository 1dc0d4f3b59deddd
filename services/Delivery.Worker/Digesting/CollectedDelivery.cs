namespace Delivery.Worker.Digesting;

/// <summary>A delivery collected in a digest window: the record it came as, which the digest lists when released.</summary>
public sealed class CollectedDelivery
{
    /// <summary>The collected delivery's own key: a delivery is in at most one digest.</summary>
    public required string DeliveryKey { get; init; }

    /// <summary>The window's (and the digest's) delivery key.</summary>
    public required string WindowKey { get; init; }
    public Guid NotificationId { get; init; }

    /// <summary>The <see cref="NotificationAspire.Contracts.Events.DeliveryDispatched"/> record, as JSON.</summary>
    public required string Record { get; init; }
    public DateTimeOffset CollectedAt { get; init; }
}
