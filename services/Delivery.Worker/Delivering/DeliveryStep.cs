using Delivery.Worker.Model;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Delivering;

/// <summary>
/// What an existing delivery makes of a record that reached it: the whole decision, kept pure so each rule
/// (replays, final states, stale steps, the sending lease) can be pinned by a unit test on a fake clock.
/// </summary>
public abstract record DeliveryStep
{
    /// <summary>Attempt this record now.</summary>
    public sealed record Attempt(DeliveryDispatched Record) : DeliveryStep;

    /// <summary>The delivery's own step is overdue by a lease: this record stands in for it, as the attempt (and replay) the delivery waits for.</summary>
    public sealed record TakeUpOverdue(DeliveryDispatched Record) : DeliveryStep;

    /// <summary>The delivery is final: send nothing, announce its state again.</summary>
    public sealed record AnnounceFinal : DeliveryStep;

    /// <summary>A step already taken, whose successor is on its way: drop it (announcing the current state, unless mid-send).</summary>
    public sealed record DropStale(bool Announce) : DeliveryStep;

    /// <summary>Another consumer is sending it right now: look again when its lease ends.</summary>
    public sealed record RecheckAt(DateTimeOffset DueAt) : DeliveryStep;

    public static DeliveryStep For(RecipientDelivery delivery, DeliveryDispatched record, DateTimeOffset now, TimeSpan sendingLease)
    {
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
                ? new TakeUpOverdue(record with { Attempt = delivery.ScheduledAttempt, ReplayId = delivery.LastReplayId })
                : new DropStale(Announce: delivery.State != DeliveryState.Sending);
        }
        return delivery.IsInFlight(now, sendingLease) ? new RecheckAt(delivery.UpdatedAt + sendingLease) : new Attempt(record);
    }
}
