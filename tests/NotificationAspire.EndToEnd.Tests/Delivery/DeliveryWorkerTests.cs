using System.Diagnostics;
using System.Text;
using System.Text.Json;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>
/// The delivery worker from the outside: a <see cref="NotificationRequested"/> event goes onto Kafka the way
/// the outbox relay writes it, is fanned out into one <see cref="DeliveryDispatched"/> per recipient, mail
/// arrives in smtp4dev, and status comes back on `notification-status`. Every test uses its own notification
/// id, address and subject.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DeliveryWorkerTests(PlatformFixture platform)
{
    private readonly DeliveryProbe _probe = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task A_requested_email_is_dispatched_by_recipient_then_arrives_once_and_is_reported_delivered()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = DeliveryProbe.EmailRequest(token, contact: $"{token}@example.com");
        var traceId = ActivityTraceId.CreateRandom();
        await _probe.ProduceRequestAsync(request, eventId: Guid.NewGuid().ToString(), traceParent: $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var email = Assert.Single(await _mail.WaitForAsync(token, request.Subject!, to: request.Recipients[0].Contact, StatusStream.Deadline));
        Assert.Equal(request.Body, await _mail.BodyTextAsync(email.Id));
        Assert.EndsWith("@notificationaspire.local>", await _mail.HeaderAsync(email.Id, "Message-ID"));

        var deliveryKey = DeliveryKeys.For(request.NotificationId, request.Recipients[0].UserId, request.Channel!);
        var dispatch = await _probe.FindAsync(KafkaTopics.NotificationDispatch.Name, $"{deliveryKey}:dispatch");
        Assert.NotNull(dispatch);
        Assert.Equal(request.Recipients[0].UserId, dispatch.Message.Key);
        var dispatched = JsonSerializer.Deserialize<DeliveryDispatched>(dispatch.Message.Value, EventEnvelope.JsonOptions)!;
        Assert.Equal((1, null, 0, null), (dispatched.Attempt, dispatched.NotBefore, dispatched.History.Count, dispatched.ReplayId));

        using var statuses = await _probe.OpenStatusStreamAsync();
        var received = await statuses.WaitForAsync(request.NotificationId, s => s.Any(e => e.Payload.State == DeliveryStates.Delivered));
        var delivered = Assert.Single(received);
        Assert.Equal(deliveryKey, delivered.Payload.DeliveryKey);
        Assert.Equal(1, delivered.Payload.AttemptNumber);
        Assert.Equal(0, delivered.Payload.InterruptedSends);
        Assert.Null(delivered.Payload.Error);
        Assert.Equal($"{deliveryKey}:{DeliveryStates.Delivered}:1", delivered.Id);
        Assert.Equal(DeliveryStatusChanged.EventType, delivered.Type);
        Assert.Equal($"/{ResourceNames.DeliveryWorker}", delivered.Source);
        Assert.Equal("1.0", delivered.SpecVersion);
        Assert.NotNull(delivered.Time);
        // The status continues the trace of the request that caused it, through the dispatch hop.
        Assert.StartsWith($"00-{traceId}-", delivered.TraceParent);
    }

    [Fact]
    public async Task A_send_a_killed_worker_left_unfinished_is_made_again_and_its_status_says_a_second_copy_is_possible()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = DeliveryProbe.EmailRequest(token, contact: $"{token}@example.com");
        // Long past the sending lease: whether the SMTP server accepted that send is unknown.
        await UnfinishedSend.LeaveAsync(platform, request, startedAt: DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
        using var statuses = await _probe.OpenStatusStreamAsync();

        await _probe.ProduceRequestAsync(request, eventId: Guid.NewGuid().ToString());

        var received = await statuses.WaitForAsync(request.NotificationId, s => s.Any(e => e.Payload.State == DeliveryStates.Delivered));
        var delivered = Assert.Single(received, e => e.Payload.State == DeliveryStates.Delivered);
        Assert.Equal(1, delivered.Payload.InterruptedSends);
        Assert.Equal(2, delivered.Payload.AttemptNumber); // sends started: the interrupted one and this one
        Assert.Single(await _mail.WaitForAsync(token, request.Subject!, to: request.Recipients[0].Contact, StatusStream.Deadline));
    }

    [Fact]
    public async Task A_redelivered_request_is_not_sent_again_and_its_status_is_republished_with_the_same_id()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = DeliveryProbe.EmailRequest(token, contact: $"{token}@example.com");
        var eventId = Guid.NewGuid().ToString();
        using var statuses = await _probe.OpenStatusStreamAsync();

        await _probe.ProduceRequestAsync(request, eventId);
        var first = Assert.Single(await statuses.WaitForAsync(request.NotificationId, s => s.Any(e => e.Payload.State == DeliveryStates.Delivered)));
        Assert.Single(await _mail.WaitForAsync(token, request.Subject!, to: request.Recipients[0].Contact, StatusStream.Deadline));

        // The same record again, as Kafka hands it out when a worker crashed after fanning out but before committing.
        await _probe.ProduceRequestAsync(request, eventId);
        var both = await statuses.WaitForAsync(request.NotificationId, s => s.Count >= 2);

        Assert.Equal(2, both.Count);
        Assert.All(both, e => Assert.Equal(first.Id, e.Id));
        Assert.All(both, e => Assert.Equal(DeliveryStates.Delivered, e.Payload.State));
        Assert.Single(await _mail.SearchAsync(token, request.Subject!, to: request.Recipients[0].Contact));
    }

    [Fact]
    public async Task A_contact_that_is_not_an_email_address_fails_at_once_into_the_dead_letters_without_sending()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = DeliveryProbe.EmailRequest(token, contact: "not an email address");
        using var statuses = await _probe.OpenStatusStreamAsync();

        await _probe.ProduceRequestAsync(request, eventId: Guid.NewGuid().ToString());
        var failed = Assert.Single(await statuses.WaitForAsync(request.NotificationId, s => s.Count > 0));

        Assert.Equal(DeliveryStates.Failed, failed.Payload.State);
        Assert.Contains("not an email address", failed.Payload.Error);
        Assert.EndsWith($":{DeliveryStates.Failed}:1", failed.Id);
        // The worker announces the outcome after the send would have happened, so the sink is already final.
        Assert.Empty(await _mail.SearchAsync(token, request.Subject!));

        var deliveryKey = DeliveryKeys.For(request.NotificationId, request.Recipients[0].UserId, request.Channel!);
        var letter = await _probe.FindAsync(KafkaTopics.NotificationDeadLetters.Name, $"{deliveryKey}:dead:1");
        Assert.NotNull(letter);
        Assert.Equal(deliveryKey, letter.Message.Key);
        Assert.Equal(DeliveryDispatched.EventType, KafkaProbe.Header(letter, "ce_type"));
        Assert.Contains("not an email address", KafkaProbe.Header(letter, DeadLetterHeaders.Reason));
        Assert.Equal(KafkaTopics.NotificationDispatch.Name, KafkaProbe.Header(letter, DeadLetterHeaders.SourceTopic));
        Assert.Equal(deliveryKey, KafkaProbe.Header(letter, DeadLetterHeaders.DeliveryKey));
        var attempts = JsonSerializer.Deserialize<List<AttemptRecord>>(KafkaProbe.Header(letter, DeadLetterHeaders.Attempts)!, EventEnvelope.JsonOptions)!;
        var rejected = Assert.Single(attempts);
        Assert.Equal(1, rejected.Attempt);
        Assert.Contains("not an email address", rejected.Error);
        var payload = JsonSerializer.Deserialize<DeliveryDispatched>(Encoding.UTF8.GetString(letter.Message.Value), EventEnvelope.JsonOptions)!;
        Assert.Equal((deliveryKey, 1, "not an email address"), (payload.DeliveryKey, payload.Attempt, payload.Contact));
        Assert.Single(payload.History);
    }
}
