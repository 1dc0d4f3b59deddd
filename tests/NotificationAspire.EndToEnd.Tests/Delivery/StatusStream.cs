using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>A status event as it is on the wire: CloudEvents headers and the payload.</summary>
public sealed record StatusEvent(string? Id, string? Type, string? Source, string? SpecVersion, string? Time, string? TraceParent,
    DeliveryStatusChanged Payload);

/// <summary>`notification-status` read from the beginning by a group of its own, collecting one notification's events.</summary>
public sealed class StatusStream(IConsumer<string, byte[]> consumer) : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

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
        var payload = JsonSerializer.Deserialize<DeliveryStatusChanged>(message.Value, DeliveryProbe.Json)
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
