using Delivery.Worker.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// The status event for a delivery's current state. Everything in it comes from the stored record, so
/// publishing it again after a redelivery yields the same event (same id, same payload) and consumers that
/// dedupe on the CloudEvents id see it once.
/// </summary>
public static class DeliveryStatusEvents
{
    /// <summary>`{deliveryKey}:{state}:{attempt}`: one id per outcome of one attempt (attempts count over replays too).</summary>
    public static string EventId(RecipientDelivery delivery) =>
        $"{delivery.DeliveryKey}:{delivery.State}:{delivery.AttemptCount}";

    public static DeliveryStatusChanged ToStatusEvent(this RecipientDelivery delivery) =>
        new(
            delivery.NotificationId,
            delivery.DeliveryKey,
            delivery.RecipientUserId,
            delivery.Channel,
            delivery.State.ToString(),
            delivery.AttemptCount,
            // Why it failed, why it waits, when it is retried; a delivered message has no error worth repeating.
            delivery.State == DeliveryState.Delivered ? null : delivery.LastError,
            delivery.UpdatedAt)
        {
            InterruptedSends = delivery.InterruptedSends,
            PreferencesCachedAt = delivery.PreferencesCachedAt,
            Provider = delivery.Provider,
            FailedOver = delivery.FailedOver.Length == 0 ? null : delivery.FailedOver,
            Segments = delivery.Segments,
        };

    /// <summary>The id and time of the delivery's status event: both from the stored row, so it is the same event every time.</summary>
    public static PublishOptions StatusEventOptions(this RecipientDelivery delivery) => new(EventId: EventId(delivery), Time: delivery.UpdatedAt);
}
