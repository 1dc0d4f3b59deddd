using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>
/// The delivery worker from the outside: a <see cref="NotificationRequested"/> event goes onto Kafka the way
/// the outbox relay writes it (CloudEvents headers), mail arrives in smtp4dev, and status comes back on
/// `notification-status`. Every test uses its own notification id, address and subject.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DeliveryWorkerTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_requested_email_arrives_once_and_is_reported_delivered()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = EmailRequest(token, contact: $"{token}@example.com");
        var traceId = ActivityTraceId.CreateRandom();
        await ProduceAsync(request, eventId: Guid.NewGuid().ToString(), traceParent: $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var email = Assert.Single(await WaitForEmailsAsync(token, request.Recipients[0].Contact, request.Subject));
        Assert.Equal(request.Body, await EmailTextAsync(email.Id));
        Assert.EndsWith("@notificationaspire.local>", await EmailHeaderAsync(email.Id, "Message-ID"));

        using var statuses = StatusStream.Open(await BootstrapServersAsync());
        var received = await statuses.WaitForAsync(request.NotificationId, s => s.Any(e => e.Payload.State == DeliveryStates.Delivered));
        var delivered = Assert.Single(received);
        var deliveryKey = $"{request.NotificationId:N}:{request.Recipients[0].UserId}:{Channels.Email}";
        Assert.Equal(deliveryKey, delivered.Payload.DeliveryKey);
        Assert.Equal(1, delivered.Payload.AttemptNumber);
        Assert.Null(delivered.Payload.Error);
        Assert.Equal($"{deliveryKey}:{DeliveryStates.Delivered}:1", delivered.Id);
        Assert.Equal(DeliveryStatusChanged.EventType, delivered.Type);
        Assert.Equal($"/{ResourceNames.DeliveryWorker}", delivered.Source);
        Assert.Equal("1.0", delivered.SpecVersion);
        Assert.NotNull(delivered.Time);
        // The status continues the trace of the request that caused it.
        Assert.StartsWith($"00-{traceId}-", delivered.TraceParent);
    }

    [Fact]
    public async Task A_redelivered_request_is_not_sent_again_and_its_status_is_republished_with_the_same_id()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = EmailRequest(token, contact: $"{token}@example.com");
        var eventId = Guid.NewGuid().ToString();
        using var statuses = StatusStream.Open(await BootstrapServersAsync());

        await ProduceAsync(request, eventId);
        var first = Assert.Single(await statuses.WaitForAsync(request.NotificationId, s => s.Any(e => e.Payload.State == DeliveryStates.Delivered)));
        Assert.Single(await WaitForEmailsAsync(token, request.Recipients[0].Contact, request.Subject));

        // The same record again, as Kafka hands it out when a worker crashed after delivering but before committing.
        await ProduceAsync(request, eventId);
        var both = await statuses.WaitForAsync(request.NotificationId, s => s.Count >= 2);

        Assert.Equal(2, both.Count);
        Assert.All(both, e => Assert.Equal(first.Id, e.Id));
        Assert.All(both, e => Assert.Equal(DeliveryStates.Delivered, e.Payload.State));
        Assert.Single(await EmailsAsync(token, request.Recipients[0].Contact, request.Subject));
    }

    [Fact]
    public async Task A_contact_that_is_not_an_email_address_fails_without_sending()
    {
        var token = Guid.NewGuid().ToString("N");
        var request = EmailRequest(token, contact: "not an email address");
        using var statuses = StatusStream.Open(await BootstrapServersAsync());

        await ProduceAsync(request, eventId: Guid.NewGuid().ToString());
        var failed = Assert.Single(await statuses.WaitForAsync(request.NotificationId, s => s.Count > 0));

        Assert.Equal(DeliveryStates.Failed, failed.Payload.State);
        Assert.Contains("not an email address", failed.Payload.Error);
        Assert.EndsWith($":{DeliveryStates.Failed}:1", failed.Id);
        // The worker announces the outcome after the send would have happened, so the sink is already final.
        Assert.Empty(await EmailsAsync(token, contact: null, request.Subject));
    }

    private static NotificationRequested EmailRequest(string token, string contact) => new(
        Guid.NewGuid(),
        ServiceAccounts.OrderService,
        Channels.Email,
        $"Your order shipped ({token})",
        $"Hello,\nyour order {token} is on its way.\nThe shop",
        CorrelationKey: $"order-{token}",
        [new RecipientAddress($"user-{token}", contact)],
        DateTimeOffset.UtcNow);

    /// <summary>Writes the event as the outbox relay does: CloudEvents binary mode, keyed by notification id.</summary>
    private async Task ProduceAsync(NotificationRequested request, string eventId, string? traceParent = null)
    {
        var headers = new Headers();
        void Add(string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));
        Add("ce_specversion", "1.0");
        Add("ce_id", eventId);
        Add("ce_source", "/delivery-worker-tests");
        Add("ce_type", NotificationRequested.EventType);
        Add("ce_time", request.RequestedAt.ToString("O", CultureInfo.InvariantCulture));
        Add("content-type", "application/json");
        if (traceParent is not null)
        {
            Add("traceparent", traceParent);
        }

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            { BootstrapServers = await BootstrapServersAsync(), Acks = Acks.All, EnableIdempotence = true }).Build();
        await producer.ProduceAsync(KafkaTopics.NotificationRequests.Name, new Message<string, byte[]>
        {
            Key = request.NotificationId.ToString(),
            Value = JsonSerializer.SerializeToUtf8Bytes(request, Json),
            Headers = headers,
        });
    }

    /// <summary>Polls the sink until a message to the contact with the subject is there (or the deadline passes).</summary>
    private async Task<IReadOnlyList<SinkMessage>> WaitForEmailsAsync(string token, string contact, string subject)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var found = await EmailsAsync(token, contact, subject);
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                return found;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>smtp4dev's `GET /api/messages` is paged; its search narrows it to this test's unique token.</summary>
    private async Task<IReadOnlyList<SinkMessage>> EmailsAsync(string token, string? contact, string subject)
    {
        using var mail = platform.CreateHttpClient(ResourceNames.Mail);
        var page = await mail.GetFromJsonAsync<SinkPage>($"/api/messages?searchTerms={token}&pageSize=100", Json)
            ?? throw new InvalidOperationException("smtp4dev returned no page.");
        return page.Results
            .Where(m => m.Subject == subject && (contact is null || m.To.Contains(contact, StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }

    private async Task<string> EmailTextAsync(string id)
    {
        using var mail = platform.CreateHttpClient(ResourceNames.Mail);
        var text = await mail.GetStringAsync($"/api/messages/{id}/plaintext");
        return text.ReplaceLineEndings("\n").TrimEnd('\n');
    }

    private async Task<string?> EmailHeaderAsync(string id, string name)
    {
        using var mail = platform.CreateHttpClient(ResourceNames.Mail);
        var detail = await mail.GetFromJsonAsync<SinkMessageDetail>($"/api/messages/{id}", Json);
        return detail?.Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
    }

    private async Task<string> BootstrapServersAsync() =>
        await platform.App.GetConnectionStringAsync(ResourceNames.Kafka)
        ?? throw new InvalidOperationException("kafka has no connection string");

    private sealed record SinkPage(List<SinkMessage> Results);

    private sealed record SinkMessage(string Id, List<string> To, string Subject);

    private sealed record SinkMessageDetail(List<SinkHeader> Headers);

    private sealed record SinkHeader(string Name, string Value);

    /// <summary>A status event as it is on the wire: CloudEvents headers and the payload.</summary>
    private sealed record StatusEvent(string? Id, string? Type, string? Source, string? SpecVersion, string? Time, string? TraceParent,
        DeliveryStatusChanged Payload);

    /// <summary>`notification-status` read from the beginning by a group of its own, collecting one notification's events.</summary>
    private sealed class StatusStream(IConsumer<string, byte[]> consumer) : IDisposable
    {
        private readonly List<StatusEvent> _seen = [];

        public static StatusStream Open(string bootstrapServers)
        {
            var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = $"delivery-tests-{Guid.NewGuid():N}",
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                SessionTimeoutMs = 6000,
            }).Build();
            consumer.Subscribe(KafkaTopics.NotificationStatus.Name);
            return new StatusStream(consumer);
        }

        /// <summary>Consumes until the notification's events so far satisfy <paramref name="done"/>; fails at the deadline.</summary>
        public Task<IReadOnlyList<StatusEvent>> WaitForAsync(Guid notificationId, Func<IReadOnlyList<StatusEvent>, bool> done) =>
            Task.Run<IReadOnlyList<StatusEvent>>(() =>
            {
                var key = notificationId.ToString();
                var deadline = DateTime.UtcNow + Deadline;
                while (!done(_seen))
                {
                    Assert.True(DateTime.UtcNow < deadline,
                        $"notification-status had {_seen.Count} event(s) for {notificationId} after {Deadline}: {string.Join(", ", _seen.Select(e => e.Id))}");
                    var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
                    if (record?.Message is { } message && message.Key == key)
                    {
                        _seen.Add(Read(message));
                    }
                }
                return _seen.ToList();
            });

        private static StatusEvent Read(Message<string, byte[]> message)
        {
            string? Header(string name) => message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
            var payload = JsonSerializer.Deserialize<DeliveryStatusChanged>(message.Value, Json)
                ?? throw new InvalidOperationException("A status event has an empty payload.");
            return new StatusEvent(Header("ce_id"), Header("ce_type"), Header("ce_source"), Header("ce_specversion"), Header("ce_time"),
                Header("traceparent"), payload);
        }

        public void Dispose()
        {
            consumer.Close();
            consumer.Dispose();
        }
    }
}
