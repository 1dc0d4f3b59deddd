using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Status;

/// <summary>A notification's status from the latest state of each recipient's delivery.</summary>
public static class NotificationProgress
{
    public static NotificationStatus StatusOf(Notification notification)
    {
        var latest = notification.Recipients
            .Select(r => notification.Attempts
                .Where(a => a.RecipientUserId == r.UserId)
                .OrderBy(a => DeliveryStates.IsFinal(a.State)) // a final state outranks anything reported at the same time
                .ThenBy(a => a.OccurredAt).ThenBy(a => a.AttemptNumber)
                .LastOrDefault()?.State)
            .ToList();

        int Count(string state) => latest.Count(s => s == state);
        var final = latest.Count(s => s is not null && DeliveryStates.IsFinal(s));
        if (final == latest.Count)
        {
            return (Count(DeliveryStates.Delivered), Count(DeliveryStates.Failed)) switch
            {
                var (delivered, _) when delivered == latest.Count => NotificationStatus.Delivered,
                var (delivered, _) when delivered > 0 => NotificationStatus.PartiallyDelivered,
                var (_, failed) when failed > 0 => NotificationStatus.Failed,
                _ => NotificationStatus.Cancelled,
            };
        }
        if (Count(DeliveryStates.Waiting) > 0)
        {
            return NotificationStatus.Waiting;
        }
        return Count(DeliveryStates.Retrying) > 0 ? NotificationStatus.Retrying : NotificationStatus.Dispatched;
    }
}
