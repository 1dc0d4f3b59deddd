using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using Notifications.Api.Topics.FanOut;
using Notifications.Api.Webhooks;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Notifications.Api.Status;

/// <summary>
/// Builds each notification's status and attempt history from the worker's status events. Events are
/// recorded under their CloudEvents id, so a redelivered or re-published event changes nothing, and
/// makes no second status webhook.
/// </summary>
public sealed class DeliveryStatusProjector(NotificationsDbContext db, StatusWebhooks webhooks, WebhookSignal signal, TimeProvider time,
    TopicSendProjection topicSends, ILogger<DeliveryStatusProjector> logger)
    : IIntegrationEventHandler<DeliveryStatusChanged>
{
    public async Task HandleAsync(DeliveryStatusChanged change, EventContext context, CancellationToken ct)
    {
        if (await db.TopicFanOuts.AnyAsync(f => f.NotificationId == change.NotificationId, ct))
        {
            // Thousands of deliveries: recomputing the status from all of them on every report would cost the square.
            await topicSends.ProjectAsync(change, context, ct);
            return;
        }
        var notification = await db.Notifications
            .Include(n => n.Recipients)
            .Include(n => n.Attempts)
            .FirstOrDefaultAsync(n => n.Id == change.NotificationId, ct);
        if (notification is null)
        {
            logger.LogWarning("Status event {EventId} names unknown notification {NotificationId}", context.EventId, change.NotificationId);
            return;
        }
        if (notification.Attempts.Any(a => a.EventId == context.EventId))
        {
            return;
        }

        notification.Attempts.Add(AttemptOf(change, context.EventId));
        notification.Status = NotificationProgress.StatusOf(notification);
        notification.UpdatedAt = time.GetUtcNow();
        // In the same SaveChanges (one transaction): the status and the sender's webhooks about it commit together.
        var webhookMessages = await webhooks.AddAsync(notification, change, context.EventId, notification.UpdatedAt, ct);
        await db.SaveChangesAsync(ct);
        if (webhookMessages > 0)
        {
            signal.Notify();
        }
    }

    public static DeliveryAttempt AttemptOf(DeliveryStatusChanged change, string eventId) => new()
    {
        EventId = eventId,
        NotificationId = change.NotificationId,
        RecipientUserId = change.RecipientUserId,
        Channel = change.Channel,
        State = change.State,
        AttemptNumber = change.AttemptNumber,
        Error = change.Error,
        InterruptedSends = change.InterruptedSends,
        PreferencesCachedAt = change.PreferencesCachedAt,
        OccurredAt = change.OccurredAt,
        Provider = change.Provider,
        FailedOver = [.. change.FailedOver ?? []],
        Segments = change.Segments,
    };
}
