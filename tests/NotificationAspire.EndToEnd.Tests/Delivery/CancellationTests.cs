using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>A cancelled notification sends nothing more, whenever its deliveries come up; what was delivered stays delivered.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CancellationTests(PlatformFixture platform)
{
    private readonly DeliveryProbe _probe = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task A_retry_waiting_on_a_tier_when_its_notification_is_cancelled_is_not_sent_when_it_falls_due()
    {
        var token = Guid.NewGuid().ToString("N");
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(10);
        var retry = DeliveryProbe.EmailDelivery(token, $"{token}@example.com", attempt: 2, notBefore: dueAt);
        using var statuses = await _probe.OpenStatusStreamAsync();

        await _probe.ProduceDispatchAsync(KafkaTopics.RetryTiers[1].Name, retry, Guid.NewGuid().ToString());
        await _probe.ProduceCancelledAsync(new NotificationCancelled(retry.NotificationId, retry.CorrelationKey!, ServiceAccounts.OrderService, DateTimeOffset.UtcNow));

        var cancelled = Assert.Single(await statuses.WaitForAsync(retry.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Cancelled, cancelled.Payload.State);
        Assert.Equal($"{retry.DeliveryKey}:{DeliveryStates.Cancelled}:0", cancelled.Id);
        Assert.Contains(ServiceAccounts.OrderService, cancelled.Payload.Error);
        Assert.True(cancelled.Payload.OccurredAt >= dueAt, "The retry was decided on when it fell due, not earlier.");
        Assert.Empty(await _mail.SearchAsync(token, retry.Subject!));
    }

    [Fact]
    public async Task A_request_whose_cancellation_came_first_is_not_sent()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = DeliveryProbe.EmailRequest(token, contact: $"{token}@example.com");
        using var statuses = await _probe.OpenStatusStreamAsync();

        await _probe.ProduceCancelledAsync(new NotificationCancelled(request.NotificationId, request.CorrelationKey!, ServiceAccounts.OrderService, DateTimeOffset.UtcNow));
        await _probe.ProduceRequestAsync(request, Guid.NewGuid().ToString());

        var cancelled = Assert.Single(await statuses.WaitForAsync(request.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Cancelled, cancelled.Payload.State);
        Assert.Empty(await _mail.SearchAsync(token, request.Subject!));
    }

    [Fact]
    public async Task A_delivered_delivery_stays_delivered_when_its_notification_is_cancelled()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = DeliveryProbe.EmailRequest(token, contact: $"{token}@example.com");
        var eventId = Guid.NewGuid().ToString();
        using var statuses = await _probe.OpenStatusStreamAsync();
        await _probe.ProduceRequestAsync(request, eventId);
        await statuses.WaitForAsync(request.NotificationId, s => s.Count > 0);

        await _probe.ProduceCancelledAsync(new NotificationCancelled(request.NotificationId, request.CorrelationKey!, ServiceAccounts.OrderService, DateTimeOffset.UtcNow));
        // Behind the cancellation on the same partition: once its status is back, the cancellation has been handled.
        await _probe.ProduceRequestAsync(request, eventId);
        var all = await statuses.WaitForAsync(request.NotificationId, s => s.Count >= 2);

        Assert.All(all, e => Assert.Equal(DeliveryStates.Delivered, e.Payload.State));
        Assert.Single(await _mail.SearchAsync(token, request.Subject!, to: request.Recipients[0].Contact));
    }
}
