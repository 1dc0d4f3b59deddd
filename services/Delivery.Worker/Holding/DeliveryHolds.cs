using System.Text.Json;
using Delivery.Worker.Data;
using Delivery.Worker.Delivering;
using Delivery.Worker.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Holding;

/// <summary>
/// Puts a delivery on hold until a given time without using an attempt: a short wait (preferences unreachable)
/// on the retry tier that fits it, a long one (quiet hours) in the database, released by <see cref="HeldDeliveryReleaser"/>.
/// Either way the delivery shows Waiting with the reason and the time, and a cancellation still stops it.
/// </summary>
public sealed class DeliveryHolds(
    DeliveryDbContext db,
    DispatchPublisher dispatches,
    RetrySchedule schedule,
    AttemptOutcomeRecorder outcomes,
    TimeProvider time,
    ILogger<DeliveryHolds> logger)
{
    public async Task HoldAsync(RecipientDelivery delivery, DeliveryDispatched record, string reason, DateTimeOffset until)
    {
        var now = time.GetUtcNow();
        var due = RetrySchedule.Milliseconds(until);
        var held = record with { NotBefore = due };
        if (due - now <= schedule.LongestTierDelay)
        {
            await dispatches.ScheduleAsync(schedule.TierForWait(due - now), "held", held, CancellationToken.None);
        }
        else
        {
            await KeepInDatabaseAsync(delivery, held, due);
        }
        delivery.Hold(reason, due, now);
        await SaveAndAnnounceAsync(delivery, due, reason);
    }

    /// <summary>
    /// A send the sender asked for later: always kept in the database, however near, so it survives a broker that
    /// loses its records and goes out within the releaser's second of its time (a retry tier could be late by a tier).
    /// </summary>
    public async Task ScheduleAsync(RecipientDelivery delivery, DeliveryDispatched record, string reason, DateTimeOffset at)
    {
        var due = RetrySchedule.Milliseconds(at);
        await KeepInDatabaseAsync(delivery, record with { NotBefore = due }, due);
        delivery.Schedule(reason, due, time.GetUtcNow());
        await SaveAndAnnounceAsync(delivery, due, reason);
    }

    /// <summary>Saved with the delivery's new state in one transaction: both, or neither and the record is redelivered.</summary>
    private async Task KeepInDatabaseAsync(RecipientDelivery delivery, DeliveryDispatched held, DateTimeOffset due)
    {
        var row = await db.HeldDeliveries.FindAsync([delivery.DeliveryKey], CancellationToken.None);
        if (row is null)
        {
            db.HeldDeliveries.Add(new HeldDelivery { DeliveryKey = delivery.DeliveryKey, Record = Serialize(held), DueAt = due });
        }
        else
        {
            (row.Record, row.DueAt) = (Serialize(held), due);
        }
    }

    private async Task SaveAndAnnounceAsync(RecipientDelivery delivery, DateTimeOffset due, string reason)
    {
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Delivery {DeliveryKey} is held until {DueAt}: {Reason}", delivery.DeliveryKey, due, reason);
        await outcomes.AnnounceAsync(delivery);
    }

    internal static string Serialize(DeliveryDispatched record) => JsonSerializer.Serialize(record, EventEnvelope.JsonOptions);

    internal static DeliveryDispatched? Deserialize(string json) => JsonSerializer.Deserialize<DeliveryDispatched>(json, EventEnvelope.JsonOptions);
}
