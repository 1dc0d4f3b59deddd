using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Outbox;

namespace Notifications.Api.Cancellation;

/// <summary>
/// Stopping one notification, whichever way it was asked for (by id or by correlation key): noted on the
/// notification and announced through the outbox in the caller's transaction, so the worker hears it exactly
/// when the note is saved. What is final already, or was cancelled before, is left as it is.
/// </summary>
public static class CancellationRequest
{
    /// <summary>Whether a cancellation went out now.</summary>
    public static bool TryRequest(Notification notification, string cancelledBy, DateTimeOffset now, IOutbox outbox)
    {
        if (notification.Status.IsFinal() || notification.CancelledAt is not null)
        {
            return false;
        }
        notification.CancelledAt = now;
        notification.CancelledBy = cancelledBy;
        notification.UpdatedAt = now;
        outbox.Add(new NotificationCancelled(notification.Id, notification.CorrelationKey ?? string.Empty, cancelledBy, now));
        return true;
    }

    /// <summary>Who already received it (what was sent cannot be unsent).</summary>
    public static IReadOnlyList<string> DeliveredTo(Notification notification) =>
        [.. notification.Attempts.Where(a => a.State == DeliveryStates.Delivered).Select(a => a.RecipientUserId).Distinct()];
}
