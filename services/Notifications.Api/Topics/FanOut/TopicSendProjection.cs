using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Status;
using Notifications.Api.Webhooks;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Notifications.Api.Topics.FanOut;

/// <summary>
/// Records a topic send's delivery reports without reloading all of its deliveries each time: the attempt, the
/// sender's webhooks and one more report on the fan-out row commit together, and <see cref="TopicStatusSettler"/>
/// recomputes the status from everything reported, at most about once a second however many reports arrive.
/// A status webhook carries the status as last settled.
/// </summary>
public sealed class TopicSendProjection(NotificationsDbContext db, StatusWebhooks webhooks, WebhookSignal signal, TimeProvider time)
{
    public async Task ProjectAsync(DeliveryStatusChanged change, EventContext context, CancellationToken ct)
    {
        // The connection's retrying strategy may only run a whole transaction, never half of one.
        var webhookMessages = await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => RecordAsync(change, context.EventId, ct), ct);
        if (webhookMessages > 0)
        {
            signal.Notify();
        }
    }

    private async Task<int> RecordAsync(DeliveryStatusChanged change, string eventId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notification = await db.Notifications.SingleAsync(n => n.Id == change.NotificationId, ct);
        if (await db.DeliveryAttempts.AnyAsync(a => a.EventId == eventId, ct))
        {
            return 0; // redelivered: recorded, counted and settled with the first
        }
        // In SQL, not read-and-write: reports of one send may be projected side by side. First, so that rows are
        // locked in the settler's order (the fan-out, then the notification), which never deadlocks with it.
        await db.TopicFanOuts.Where(f => f.NotificationId == change.NotificationId)
            .ExecuteUpdateAsync(f => f.SetProperty(x => x.Reports, x => x.Reports + 1), ct);
        db.DeliveryAttempts.Add(DeliveryStatusProjector.AttemptOf(change, eventId));
        notification.UpdatedAt = time.GetUtcNow();
        var webhookMessages = await webhooks.AddAsync(notification, change, eventId, notification.UpdatedAt, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return webhookMessages;
    }
}
