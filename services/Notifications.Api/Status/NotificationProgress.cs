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
                .OrderBy(a => a.OccurredAt).ThenBy(a => a.AttemptNumber)
                .LastOrDefault()?.State)
            .ToList();

        var delivered = latest.Count(s => s == DeliveryStates.Delivered);
        var failed = latest.Count(s => s == DeliveryStates.Failed);
        return (delivered, failed) switch
        {
            _ when delivered == latest.Count => NotificationStatus.Delivered,
            _ when failed == latest.Count => NotificationStatus.Failed,
            _ when delivered + failed == latest.Count => NotificationStatus.PartiallyDelivered,
            _ => notification.Status == NotificationStatus.Accepted ? NotificationStatus.Dispatched : notification.Status,
        };
    }
}
