using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Sending;

/// <summary>The events a notification announces itself with; one place, so a re-drive says exactly what the send said.</summary>
public static class SendEvents
{
    public static NotificationRequested Requested(Notification n) => new(n.Id, n.SenderId, n.Channel, n.Subject!, n.Body!,
        n.CorrelationKey, n.Recipients.Select(r => new RecipientAddress(r.UserId, r.Contact)).ToList(), n.CreatedAt);
}
