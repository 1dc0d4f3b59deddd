using Microsoft.Extensions.Time.Testing;
using Notifications.Api.Model;
using Notifications.Api.Status;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Tests.Status;

/// <summary>A notification to some recipients and the delivery states the worker reported for them, on a fake clock.</summary>
internal sealed class ReportedDeliveries
{
    private readonly Notification notification;

    public ReportedDeliveries(params string[] recipients) : this(null, null, recipients)
    {
    }

    /// <param name="channels">Several channels named in order with <paramref name="strategy"/>, instead of email alone.</param>
    public ReportedDeliveries(string[]? channels, string? strategy, params string[] recipients)
    {
        notification = new Notification
        {
            Id = Guid.NewGuid(),
            SenderId = "orders-service",
            Channel = channels is null ? Channels.Email : null,
            Channels = channels,
            Strategy = strategy,
            Category = "order-updates",
            Recipients = [.. recipients.Select(r => new NotificationRecipient { UserId = r, Contact = $"{r}@example.com" })],
        };
    }

    /// <summary>When the next report says it happened; advance it for a later report.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    /// <param name="at">When it happened, if not now on <see cref="Clock"/> (which cannot go back).</param>
    /// <param name="channel">The channel of the delivery, if not the notification's (a category can bring several).</param>
    public ReportedDeliveries Report(string recipient, string state, int attemptNumber = 1, DateTimeOffset? at = null, string? channel = null)
    {
        notification.Attempts.Add(new DeliveryAttempt
        {
            EventId = $"{recipient}:{channel}:{state}:{attemptNumber}:{notification.Attempts.Count}",
            NotificationId = notification.Id,
            RecipientUserId = recipient,
            Channel = channel ?? notification.Channel!,
            State = state,
            AttemptNumber = attemptNumber,
            OccurredAt = at ?? Clock.GetUtcNow(),
        });
        return this;
    }

    public NotificationStatus Status => NotificationProgress.StatusOf(notification);

    /// <summary>The status while a topic send's fan-out has pages still to write.</summary>
    public NotificationStatus StatusWhileFanningOut => NotificationProgress.StatusOf(notification, moreRecipientsComing: true);
}
