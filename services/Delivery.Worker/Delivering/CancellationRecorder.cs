using Delivery.Worker.Data;
using Delivery.Worker.Digesting;
using Delivery.Worker.Model;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Whenever a notification is cancelled: remember it for good (deliveries created or retried later check it
/// before they send), and stop every delivery of it that is not final. Delivered ones stay Delivered. A delivery
/// waiting in a digest leaves it (<see cref="DigestCancellations"/>), unless that digest was already released.
/// </summary>
public sealed class CancellationRecorder(
    DeliveryDbContext db,
    AttemptOutcomeRecorder outcomes,
    RetrySchedule schedule,
    DigestCancellations digests,
    TimeProvider time,
    ILogger<CancellationRecorder> logger) : IIntegrationEventHandler<NotificationCancelled>
{
    public async Task HandleAsync(NotificationCancelled cancelled, EventContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One transaction, so the digest windows locked below stay locked until the cancellation is saved.
        var deliveries = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var cancellation = await db.Cancellations.FindAsync([cancelled.NotificationId], ct);
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

            var deliveries = await db.Deliveries.Where(d => d.NotificationId == cancelled.NotificationId).ToListAsync(ct);
            var inReleasedDigests = await digests.RemoveAsync(cancelled.NotificationId, ct);
            foreach (var delivery in deliveries.Where(d => !d.IsFinal))
            {
                if (delivery.IsInFlight(now, schedule.SendingLease))
                {
                    // Its provider is answering right now; writing the row would make that answer fail to save. The
                    // attempt ends as it ends, and any retry it schedules checks the cancellation first.
                    logger.LogInformation("Delivery {DeliveryKey} is being sent; its next step will see the cancellation", delivery.DeliveryKey);
                    continue;
                }
                if (inReleasedDigests.Contains(delivery.DeliveryKey))
                {
                    // Its digest has gone out (or is going): it ends as the digest ends, and the status says so.
                    logger.LogInformation("Delivery {DeliveryKey} is in a digest already released; it ends with the digest", delivery.DeliveryKey);
                    continue;
                }
                delivery.MarkCancelled(cancellation.Reason, now);
            }
            // A concurrency conflict (a consumer started an attempt meanwhile) throws, and the consumer runs this again.
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return deliveries;
        }, cancellationToken);

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
