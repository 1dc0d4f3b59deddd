using Delivery.Worker.Model;
using NotificationAspire.Contracts;
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
    public const string Source = $"/{ResourceNames.DeliveryWorker}";

    /// <summary>`{deliveryKey}:{state}:{attempt}`: one id per outcome of one attempt (attempts count over replays too).</summary>
    public static string EventId(RecipientDelivery delivery) =>
        $"{delivery.DeliveryKey}:{delivery.State}:{delivery.AttemptCount}";

    public static EventEnvelope ToStatusEvent(this RecipientDelivery delivery)
    {
        var payload = new DeliveryStatusChanged(
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
        };
        var (traceParent, traceState) = MessagingTelemetry.Current();
        return EventEnvelope.Create(EventId(delivery), DeliveryStatusChanged.EventType, Source, delivery.UpdatedAt,
            delivery.NotificationId.ToString(), payload, traceParent, traceState);
    }
}
