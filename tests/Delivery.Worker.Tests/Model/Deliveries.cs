using Delivery.Worker.Delivering;
using Delivery.Worker.Model;
using Microsoft.Extensions.Time.Testing;
using NotificationAspire.Contracts;

namespace Delivery.Worker.Tests.Model;

/// <summary>A new delivery of one email on a fake clock, and the named state changes that bring it to each state.</summary>
internal static class Deliveries
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public static RecipientDelivery New(TimeProvider clock)
    {
        var notificationId = Guid.Parse("7d5c4a0e-2f6b-4c8e-9a1d-3b2e1f0a9c8d");
        return new RecipientDelivery
        {
            DeliveryKey = DeliveryKeys.For(notificationId, "alice", "email"),
            NotificationId = notificationId,
            RecipientUserId = "alice",
            Channel = "email",
            Contact = "alice@example.com",
            CreatedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>A delivery brought to <paramref name="state"/> through its first attempt.</summary>
    public static RecipientDelivery In(DeliveryState state, TimeProvider clock)
    {
        var delivery = New(clock);
        var now = clock.GetUtcNow();
        delivery.BeginAttempt(1, now);
        switch (state)
        {
            case DeliveryState.Sending: break;
            case DeliveryState.Delivered: delivery.MarkDelivered("<message@example.com>", now); break;
            case DeliveryState.Failed: delivery.MarkFailed("550 mailbox unavailable", now); break;
            case DeliveryState.Retrying: delivery.ScheduleRetry("connection refused", 2, now + TimeSpan.FromSeconds(10), now); break;
            case DeliveryState.Waiting: delivery.Defer("rate limit: recipient", now + TimeSpan.FromSeconds(6), now); break;
            case DeliveryState.Cancelled: delivery.MarkCancelled("cancelled by the sender", now); break;
        }
        return delivery;
    }
}
