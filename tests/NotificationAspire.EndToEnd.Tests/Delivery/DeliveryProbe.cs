using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using NotificationAspire.Messaging;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>
/// The delivery worker's surroundings as the tests drive them: events written the way their publishers write
/// them (CloudEvents binary mode), status read from `notification-status`.
/// </summary>
public sealed class DeliveryProbe(PlatformFixture platform)
{
    private readonly KafkaProbe _kafka = new(platform);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        return new DeliveryDispatched(notificationId, DeliveryKey(notificationId, userId), userId, contact, Channels.Email,
            $"Your order shipped ({token})", $"Hello,\nyour order {token} is on its way.\nThe shop", $"order-{token}",
            attempt, notBefore, [], replayId);
    }

    public static string DeliveryKey(Guid notificationId, string userId) => $"{notificationId:N}:{userId}:{Channels.Email}";

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

    /// <summary>
    /// Leaves a delivery the way a worker SIGKILLed in the middle of a send leaves it: attempt 1 recorded as
    /// Sending at <paramref name="startedAt"/>, no outcome. Written straight into the worker's database, the
    /// only way to stop a real worker at exactly that point.
    /// </summary>
    public async Task LeaveUnfinishedSendAsync(NotificationRequested request, DateTimeOffset startedAt)
    {
        var recipient = request.Recipients.Single();
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.DeliveryDatabase));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO deliveries ("DeliveryKey", "NotificationId", "RecipientUserId", "Channel", "Contact", "State",
                                    "AttemptCount", "ScheduledAttempt", "InterruptedSends", "CreatedAt", "UpdatedAt")
            VALUES (@key, @notification, @user, @channel, @contact, 'Sending', 1, 1, 0, @started, @started)
            """, connection);
        insert.Parameters.AddWithValue("key", DeliveryKey(request.NotificationId, recipient.UserId));
        insert.Parameters.AddWithValue("notification", request.NotificationId);
        insert.Parameters.AddWithValue("user", recipient.UserId);
        insert.Parameters.AddWithValue("channel", request.Channel);
        insert.Parameters.AddWithValue("contact", recipient.Contact);
        insert.Parameters.AddWithValue("started", startedAt);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>The first record on <paramref name="topic"/> whose CloudEvents id is <paramref name="eventId"/>.</summary>
    public Task<ConsumeResult<string, byte[]>?> FindAsync(string topic, string eventId) =>
        _kafka.FindByIdAsync(topic, eventId, StatusStream.Deadline);
}
