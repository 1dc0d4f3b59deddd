using System.Security.Cryptography;
using System.Text.Json;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>
/// Retry tiers hold a record until its NotBefore without holding up other partitions; replayed dead letters
/// are attempted once per replay id and never resend what was delivered.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RetryAndReplayTests(PlatformFixture platform)
{
    private readonly DeliveryProbe _probe = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task A_retry_waits_for_its_time_without_holding_up_other_partitions_and_nothing_behind_it_is_lost()
    {
        // The longest tier: real retries reach it last, so other tests leave nothing waiting on these partitions.
        var tier = KafkaTopics.RetryTiers[^1].Name;
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(8);
        var token = Token();
        var waiting = DeliveryProbe.EmailDelivery(token, $"{token}@example.com", attempt: 2, notBefore: dueAt);
        var behind = DeliveryProbe.EmailDelivery(Token(), "behind@example.com", attempt: 2, notBefore: DateTimeOffset.UtcNow);
        var elsewhere = DeliveryProbe.EmailDelivery(Token(), "elsewhere@example.com", attempt: 2, notBefore: DateTimeOffset.UtcNow);
        using var waitingStatus = await _probe.OpenStatusStreamAsync();
        using var behindStatus = await _probe.OpenStatusStreamAsync();
        using var elsewhereStatus = await _probe.OpenStatusStreamAsync();

        await _probe.ProduceDispatchAsync(tier, waiting, Guid.NewGuid().ToString(), partition: 6);
        await _probe.ProduceDispatchAsync(tier, behind, Guid.NewGuid().ToString(), partition: 6);
        await _probe.ProduceDispatchAsync(tier, elsewhere, Guid.NewGuid().ToString(), partition: 7);

        var other = Assert.Single(await elsewhereStatus.WaitForAsync(elsewhere.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Delivered, other.Payload.State);
        Assert.True(other.Payload.OccurredAt < dueAt, $"The record on another partition was delivered at {other.Payload.OccurredAt:O}, not before {dueAt:O}");

        var held = Assert.Single(await waitingStatus.WaitForAsync(waiting.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Delivered, held.Payload.State);
        Assert.True(held.Payload.OccurredAt >= dueAt, $"The waiting record was delivered at {held.Payload.OccurredAt:O}, before its NotBefore {dueAt:O}");
        Assert.Equal(1, held.Payload.AttemptNumber);

        // Queued behind the held record on its partition: late, but there.
        var queued = Assert.Single(await behindStatus.WaitForAsync(behind.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Delivered, queued.Payload.State);
        Assert.True(queued.Payload.OccurredAt >= dueAt);
        Assert.Single(await _mail.WaitForAsync(token, waiting.Subject!, to: waiting.Contact, StatusStream.Deadline));
    }

    [Fact]
    public async Task An_unreadable_record_on_a_retry_tier_is_dead_lettered_once_by_its_place_and_content_and_the_partition_goes_on()
    {
        var tier = KafkaTopics.RetryTiers[0].Name;
        var token = Token();
        var next = DeliveryProbe.EmailDelivery(token, $"{token}@example.com", attempt: 2, notBefore: DateTimeOffset.UtcNow);
        var kafka = new KafkaProbe(platform);
        using var statuses = await _probe.OpenStatusStreamAsync();

        // Same key as the good record behind it, so both land on one partition.
        await kafka.ProduceAsync(tier, next.RecipientUserId, DeliveryDispatched.EventType, $$"""{"schemaVersion":1,"token":"{{token}}"}""");
        await _probe.ProduceDispatchAsync(tier, next, Guid.NewGuid().ToString());

        var letter = await kafka.FindAsync(KafkaTopics.NotificationDeadLetters.Name,
            r => r.Message.Key == next.RecipientUserId && KafkaProbe.Header(r, "ce_type") == DeliveryDispatched.EventType, StatusStream.Deadline);
        Assert.NotNull(letter);
        Assert.Contains("cannot be read", KafkaProbe.Header(letter, DeadLetterHeaders.Reason));
        Assert.StartsWith(tier, KafkaProbe.Header(letter, DeadLetterHeaders.SourceTopic));
        // Its id is its place and a fingerprint of its content: moving it again after a crash makes the same dead letter.
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(letter.Message.Value))[..16];
        var id = KafkaProbe.Header(letter, "ce_id")!;
        Assert.StartsWith($"{KafkaProbe.Header(letter, DeadLetterHeaders.SourceTopic)}:dead:", id);
        Assert.EndsWith(fingerprint, id);

        var delivered = Assert.Single(await statuses.WaitForAsync(next.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Delivered, delivered.Payload.State);
    }

    [Fact]
    public async Task Replaying_a_delivered_delivery_announces_it_and_sends_nothing_however_often_it_is_replayed()
    {
        var token = Token();
        var request = DeliveryProbe.EmailRequest(token, contact: $"{token}@example.com");
        using var statuses = await _probe.OpenStatusStreamAsync();
        await _probe.ProduceRequestAsync(request, Guid.NewGuid().ToString());
        var delivered = Assert.Single(await statuses.WaitForAsync(request.NotificationId, s => s.Count > 0));
        Assert.Equal(DeliveryStates.Delivered, delivered.Payload.State);

        var replay = AsFanOutWrites(request) with { ReplayId = $"replay-{token}" };
        await _probe.ProduceDispatchAsync(KafkaTopics.NotificationDispatch.Name, replay, Guid.NewGuid().ToString());
        await _probe.ProduceDispatchAsync(KafkaTopics.NotificationDispatch.Name, replay, Guid.NewGuid().ToString());

        var all = await statuses.WaitForAsync(request.NotificationId, s => s.Count >= 3);
        Assert.Equal(3, all.Count);
        Assert.All(all, e => Assert.Equal(delivered.Id, e.Id));
        Assert.Single(await _mail.SearchAsync(token, request.Subject!, to: request.Recipients[0].Contact));
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_attempted_once_per_replay_id()
    {
        var token = Token();
        var request = DeliveryProbe.EmailRequest(token, contact: "still not an email address");
        var deliveryKey = DeliveryKeys.For(request.NotificationId, request.Recipients[0].UserId, request.Channel!);
        using var statuses = await _probe.OpenStatusStreamAsync();
        await _probe.ProduceRequestAsync(request, Guid.NewGuid().ToString());
        await statuses.WaitForAsync(request.NotificationId, s => s.Count > 0);

        // What the notifications-api does on replay: the dead letter's payload, attempts from 1, the letter's id beside it.
        var letter = await _probe.FindAsync(KafkaTopics.NotificationDeadLetters.Name, $"{deliveryKey}:dead:1");
        Assert.NotNull(letter);
        var replayId = $"{deliveryKey}:dead:1";
        var replay = JsonSerializer.Deserialize<DeliveryDispatched>(letter.Message.Value, EventEnvelope.JsonOptions)! with { Attempt = 1, ReplayId = replayId };
        await _probe.ProduceDispatchAsync(KafkaTopics.NotificationDispatch.Name, replay, Guid.NewGuid().ToString());
        await statuses.WaitForAsync(request.NotificationId, s => s.Count >= 2);
        await _probe.ProduceDispatchAsync(KafkaTopics.NotificationDispatch.Name, replay, Guid.NewGuid().ToString());
        var all = await statuses.WaitForAsync(request.NotificationId, s => s.Count >= 3);

        // The first replay tried again (and failed again: the address is still wrong); the second only told what is.
        Assert.Equal([$"{deliveryKey}:Failed:1", $"{deliveryKey}:Failed:2", $"{deliveryKey}:Failed:2"], all.Select(e => e.Id));
        var again = await _probe.FindAsync(KafkaTopics.NotificationDeadLetters.Name, $"{deliveryKey}:dead:2:replay:{replayId}");
        Assert.NotNull(again);
        Assert.Equal(2, JsonSerializer.Deserialize<DeliveryDispatched>(again.Message.Value, EventEnvelope.JsonOptions)!.History.Count);
    }

    private static DeliveryDispatched AsFanOutWrites(NotificationRequested request) => new(
        request.NotificationId, DeliveryKeys.For(request.NotificationId, request.Recipients[0].UserId, request.Channel!), request.Recipients[0].UserId,
        request.Recipients[0].Contact, request.Channel!, request.Subject, request.Body, request.CorrelationKey, 1, null, []);

    private static string Token() => Guid.NewGuid().ToString("N");
}
