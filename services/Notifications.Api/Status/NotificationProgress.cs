using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Status;

/// <summary>A notification's status from the latest state of each of its deliveries (one per recipient and channel).</summary>
public static class NotificationProgress
{
    /// <param name="moreRecipientsComing">
    /// A topic send whose fan-out has not written its last page: people not reported yet will be, so however
    /// final the reported ones are, the notification is not (it stays Dispatched).
    /// </param>
    public static NotificationStatus StatusOf(Notification notification, bool moreRecipientsComing = false)
    {
        var status = StatusOfReported(notification);
        return moreRecipientsComing && status.IsFinal() ? NotificationStatus.Dispatched : status;
    }

    private static NotificationStatus StatusOfReported(Notification notification)
    {
        // The named recipients, and everyone the worker reported on: a topic send's subscribers are known by their reports.
        var byPerson = notification.Attempts.ToLookup(a => a.RecipientUserId, StringComparer.Ordinal);
        var people = notification.Recipients.Select(r => r.UserId).Union(byPerson.Select(p => p.Key), StringComparer.Ordinal);
        var latest = people
            .SelectMany(userId => notification is { Strategy: ChannelStrategies.FirstSuccess, Channels: { } order }
                ? [FirstSuccessState(order, byPerson[userId])]
                : LatestPerChannel(byPerson[userId]))
            .ToList();

        int Count(string state) => latest.Count(s => s == state);
        if (latest.All(s => s is not null && DeliveryStates.IsFinal(s)))
        {
            // Skips are deliberate (an opt-out, a channel outside the category), not failures: they neither
            // spoil a delivered notification nor count as one.
            var sent = latest.Count - Count(DeliveryStates.Skipped);
            return (sent, Count(DeliveryStates.Delivered), Count(DeliveryStates.Failed)) switch
            {
                (0, _, _) => NotificationStatus.Skipped,
                var (_, delivered, _) when delivered == sent => NotificationStatus.Delivered,
                var (_, delivered, _) when delivered > 0 => NotificationStatus.PartiallyDelivered,
                var (_, _, failed) when failed > 0 => NotificationStatus.Failed,
                _ => NotificationStatus.Cancelled,
            };
        }
        if (Count(DeliveryStates.Waiting) > 0)
        {
            return NotificationStatus.Waiting;
        }
        if (Count(DeliveryStates.Scheduled) > 0 && latest.All(s => s is not null && (s == DeliveryStates.Scheduled || DeliveryStates.IsFinal(s))))
        {
            return NotificationStatus.Scheduled;
        }
        return Count(DeliveryStates.Retrying) > 0 ? NotificationStatus.Retrying : NotificationStatus.Dispatched;
    }

    /// <summary>
    /// One state for a recipient of a first-success send: delivered once any channel delivered; otherwise the
    /// first channel in order that is not yet final (null when it has not been reported, i.e. the worker is
    /// falling back to it); final only when every channel ended without delivering (or one was cancelled).
    /// </summary>
    private static string? FirstSuccessState(IReadOnlyList<string> order, IEnumerable<DeliveryAttempt> attempts)
    {
        var states = attempts.GroupBy(a => a.Channel, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => c.OrderBy(a => DeliveryStates.IsFinal(a.State)).ThenBy(a => a.OccurredAt).ThenBy(a => a.AttemptNumber).Last().State);
        if (states.ContainsValue(DeliveryStates.Delivered))
        {
            return DeliveryStates.Delivered;
        }
        string? last = null;
        foreach (var channel in order)
        {
            if (!states.TryGetValue(channel, out var state))
            {
                return null;
            }
            if (!DeliveryStates.IsFinal(state) || state == DeliveryStates.Cancelled)
            {
                return state;
            }
            last = state;
        }
        // Nothing delivered: failed if any channel failed, skipped if every one was skipped.
        return states.ContainsValue(DeliveryStates.Failed) ? DeliveryStates.Failed : last;
    }

    /// <summary>
    /// The latest state on each channel a recipient was reported on. A recipient with no report yet is one
    /// delivery in flight (null): without a chosen channel only the worker knows which channels the category brings.
    /// </summary>
    private static IEnumerable<string?> LatestPerChannel(IEnumerable<DeliveryAttempt> attempts)
    {
        var latest = attempts.GroupBy(a => a.Channel, StringComparer.Ordinal)
            .Select(channel => (string?)channel
                .OrderBy(a => DeliveryStates.IsFinal(a.State)) // a final state outranks anything reported at the same time
                .ThenBy(a => a.OccurredAt).ThenBy(a => a.AttemptNumber)
                .Last().State)
            .ToList();
        return latest.Count == 0 ? [null] : latest;
    }
}
