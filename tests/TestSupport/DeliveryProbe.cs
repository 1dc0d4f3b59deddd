using Confluent.Kafka;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace NotificationAspire.TestSupport;

/// <summary>
/// The delivery worker's surroundings as the tests drive them: events made and written the way their publishers
/// make and write them (CloudEvents binary mode, their topics and keys, delivery keys from <see cref="DeliveryKeys"/>),
/// and the status the worker answers with on `notification-status`.
/// </summary>
public sealed class DeliveryProbe(PlatformFixture platform)
{
    private readonly KafkaProbe _kafka = new(platform);

    public static NotificationRequested EmailRequest(string token, string contact) => new(
        Guid.NewGuid(),
        ServiceAccounts.OrderService,
        Channels.Email,
        $"Your order shipped ({token})",
        $"Hello,\nyour order {token} is on its way.\nThe shop",
        CorrelationKey: $"order-{token}",
        [new RecipientAddress($"user-{token}", contact)],
        DateTimeOffset.UtcNow);

    /// <summary>A delivery as the fan-out writes it, for tests that put it straight onto a topic.</summary>
    public static DeliveryDispatched EmailDelivery(string token, string contact, int attempt = 1, DateTimeOffset? notBefore = null, string? replayId = null)
    {
        var notificationId = Guid.NewGuid();
        var userId = $"user-{token}";
        return new DeliveryDispatched(notificationId, DeliveryKeys.For(notificationId, userId, Channels.Email), userId, contact, Channels.Email,
            $"Your order shipped ({token})", $"Hello,\nyour order {token} is on its way.\nThe shop", $"order-{token}",
            attempt, notBefore, [], replayId);
    }

    /// <summary>As the outbox relay writes it: keyed by notification id.</summary>
    public Task ProduceRequestAsync(NotificationRequested request, string eventId, string? traceParent = null) =>
        ProduceAsync(KafkaTopics.NotificationRequests.Name, null, request.NotificationId.ToString(), NotificationRequested.EventType, eventId,
            request, traceParent);

    /// <summary>As the notifications-api writes a cancellation: on the requests topic, keyed by notification id.</summary>
    public Task ProduceCancelledAsync(NotificationCancelled cancelled) =>
        ProduceAsync(KafkaTopics.NotificationRequests.Name, null, cancelled.NotificationId.ToString(), NotificationCancelled.EventType,
            Guid.NewGuid().ToString(), cancelled);

    /// <summary>A delivery record on the dispatch topic or a retry tier, keyed by recipient; optionally on one partition.</summary>
    public Task ProduceDispatchAsync(string topic, DeliveryDispatched record, string eventId, int? partition = null) =>
        ProduceAsync(topic, partition, record.RecipientUserId, DeliveryDispatched.EventType, eventId, record);

    private Task ProduceAsync<T>(string topic, int? partition, string key, string type, string eventId, T payload, string? traceParent = null) =>
        _kafka.ProduceAsync(topic,
            EventEnvelope.Create(eventId, type, "/delivery-worker-tests", DateTimeOffset.UtcNow, key, payload, traceParent), partition);

    public Task<StatusStream> OpenStatusStreamAsync() => _kafka.OpenStatusStreamAsync();

    /// <summary>The first record on <paramref name="topic"/> whose CloudEvents id is <paramref name="eventId"/>.</summary>
    public Task<ConsumeResult<string, byte[]>?> FindAsync(string topic, string eventId) =>
        _kafka.FindByIdAsync(topic, eventId, StatusStream.Deadline);
}
