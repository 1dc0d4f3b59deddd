using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Notifications.Api.Status;

/// <summary>
/// Builds each notification's status and attempt history from the worker's status events. Events are
/// recorded under their CloudEvents id, so a redelivered or re-published event changes nothing.
/// </summary>
public sealed class DeliveryStatusProjector(
    KafkaClientSettings settings, IEventPublisher publisher, IServiceScopeFactory scopes, TimeProvider time, ILogger<DeliveryStatusProjector> logger)
    : KafkaConsumerService(settings, publisher, time, logger)
{
    protected override string GroupId => "notifications-api-status";
    protected override IReadOnlyList<string> Topics { get; } = [KafkaTopics.NotificationStatus.Name];

    protected override async Task HandleAsync(EventEnvelope envelope, string topic, CancellationToken ct)
    {
        if (envelope.Type != DeliveryStatusChanged.EventType)
        {
            return; // other status kinds (read receipts, later) are not ours to project
        }
        var change = envelope.Payload<DeliveryStatusChanged>();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var notification = await db.Notifications
            .Include(n => n.Recipients)
            .Include(n => n.Attempts)
            .FirstOrDefaultAsync(n => n.Id == change.NotificationId, ct);
        if (notification is null)
        {
            Logger.LogWarning("Status event {EventId} names unknown notification {NotificationId}", envelope.Id, change.NotificationId);
            return;
        }
        if (notification.Attempts.Any(a => a.EventId == envelope.Id))
        {
            return;
        }

        notification.Attempts.Add(new DeliveryAttempt
        {
            EventId = envelope.Id,
            NotificationId = notification.Id,
            RecipientUserId = change.RecipientUserId,
            Channel = change.Channel,
            State = change.State,
            AttemptNumber = change.AttemptNumber,
            Error = change.Error,
            InterruptedSends = change.InterruptedSends,
            OccurredAt = change.OccurredAt,
        });
        notification.Status = NotificationProgress.StatusOf(notification);
        notification.UpdatedAt = Time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
