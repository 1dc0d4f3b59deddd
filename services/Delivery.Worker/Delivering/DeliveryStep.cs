using Delivery.Worker.Model;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Delivering;

/// <summary>
/// What an existing delivery makes of a record that reached it: the whole decision, kept pure so each rule
/// (replays, final states, stale steps, the sending lease) can be pinned by a unit test on a fake clock.
/// </summary>
public abstract record DeliveryStep
{
    /// <summary>
    /// A step that sends <paramref name="Record"/>. <paramref name="TakesOverInterruptedSend"/>: the row still says
    /// Sending, but its lease ran out, so a send went out or not and nobody recorded which; the person may have the
    /// message already. The taker counts it at once, before anything else is decided, since a hold, skip or
    /// cancellation replaces the Sending state that is its only trace (CI's in-flight kill test once lost the count
    /// that way).
    /// </summary>
    public abstract record Send(DeliveryDispatched Record, bool TakesOverInterruptedSend) : DeliveryStep;

    /// <summary>Attempt this record now.</summary>
    public sealed record Attempt(DeliveryDispatched Record, bool TakesOverInterruptedSend = false) : Send(Record, TakesOverInterruptedSend);

    /// <summary>The delivery's own step is overdue by a lease: this record stands in for it, as the attempt (and replay) the delivery waits for.</summary>
    public sealed record TakeUpOverdue(DeliveryDispatched Record, bool TakesOverInterruptedSend = false) : Send(Record, TakesOverInterruptedSend);

    /// <summary>The delivery is final: send nothing, announce its state again.</summary>
    public sealed record AnnounceFinal : DeliveryStep;

    /// <summary>A step already taken, whose successor is on its way: drop it (announcing the current state, unless mid-send).</summary>
    public sealed record DropStale(bool Announce) : DeliveryStep;

    /// <summary>Another consumer is sending it right now: look again when its lease ends.</summary>
    public sealed record RecheckAt(DateTimeOffset DueAt) : DeliveryStep;

    public static DeliveryStep For(RecipientDelivery delivery, DeliveryDispatched record, DateTimeOffset now, TimeSpan sendingLease)
    {
        // A Sending row reaches a send below only once its lease ran out (the overdue check, IsInFlight).
        var interrupted = delivery.State == DeliveryState.Sending;
        if (delivery.CanBeReplayedBy(record.ReplayId))
        {
            return new Attempt(record);
        }
        // A collected delivery's fate is its digest's: a record of it again (a redelivery, a re-driven request that no
        // longer names the digest) must not send it on its own.
        if (delivery.IsFinal || delivery.State == DeliveryState.Digested)
        {
            return new AnnounceFinal();
        }
        if (!delivery.Awaits(record.Attempt, record.ReplayId))
        {
            // Normally the delivery's own next step is on its way and this one is dropped. But when that step is
            // overdue by a whole lease (the broker lost the retry tier's records, say) this record stands in for
            // it, so a re-driven request always gets a stuck delivery going again.
            var dueBy = (delivery.State == DeliveryState.Sending ? delivery.UpdatedAt : delivery.NextAttemptAt ?? delivery.UpdatedAt) + sendingLease;
            return now >= dueBy
                ? new TakeUpOverdue(record with { Attempt = delivery.ScheduledAttempt, ReplayId = delivery.LastReplayId }, interrupted)
                : new DropStale(Announce: delivery.State != DeliveryState.Sending);
        }
        return delivery.IsInFlight(now, sendingLease) ? new RecheckAt(delivery.UpdatedAt + sendingLease) : new Attempt(record, interrupted);
    }
}
