using Delivery.Worker.Data;
using Delivery.Worker.Model;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Whenever a notification is cancelled: remember it for good (deliveries created or retried later check it
/// before they send), and stop every delivery of it that is not final. Delivered ones stay Delivered.
/// </summary>
public sealed class CancellationRecorder(
    DeliveryDbContext db,
    AttemptOutcomeRecorder outcomes,
    RetrySchedule schedule,
    TimeProvider time,
    ILogger<CancellationRecorder> logger) : IIntegrationEventHandler<NotificationCancelled>
{
    public async Task HandleAsync(NotificationCancelled cancelled, EventContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cancellation = await db.Cancellations.FindAsync([cancelled.NotificationId], cancellationToken);
        if (cancellation is null)
        {
            cancellation = new NotificationCancellation
            {
                NotificationId = cancelled.NotificationId,
                CancelledBy = cancelled.CancelledBy,
                CancelledAt = cancelled.CancelledAt,
                RecordedAt = now,
            };
            db.Cancellations.Add(cancellation);
        }

        var deliveries = await db.Deliveries.Where(d => d.NotificationId == cancelled.NotificationId).ToListAsync(cancellationToken);
        foreach (var delivery in deliveries.Where(d => !d.IsFinal))
        {
            if (delivery.IsInFlight(now, schedule.SendingLease))
            {
                // Its provider is answering right now; writing the row would make that answer fail to save. The
                // attempt ends as it ends, and any retry it schedules checks the cancellation first.
                logger.LogInformation("Delivery {DeliveryKey} is being sent; its next step will see the cancellation", delivery.DeliveryKey);
                continue;
            }
            delivery.MarkCancelled(cancellation.Reason, now);
        }
        // A concurrency conflict (a consumer started an attempt meanwhile) throws, and the consumer runs this again.
        await db.SaveChangesAsync(cancellationToken);

        // Announced again on a redelivered cancellation too: the same state gives the same event id.
        var stopped = deliveries.Where(d => d.State == DeliveryState.Cancelled).ToList();
        foreach (var delivery in stopped)
        {
            await outcomes.AnnounceAsync(delivery);
        }
        logger.LogInformation("Notification {NotificationId} cancelled by {CancelledBy}: {CancelledCount} of {DeliveryCount} known deliveries stopped",
            cancelled.NotificationId, cancelled.CancelledBy, stopped.Count, deliveries.Count);
    }
}
