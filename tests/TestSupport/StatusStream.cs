using System.Text.Json;
using Confluent.Kafka;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace NotificationAspire.TestSupport;

/// <summary>`notification-status` read from the beginning by a group of its own, collecting one notification's events.</summary>
public sealed class StatusStream : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly IConsumer<string, byte[]> _consumer;
    private readonly List<StatusEvent> _seen = [];

    /// <summary>Opened by <see cref="KafkaProbe.OpenStatusStreamAsync"/>, which makes the reader.</summary>
    internal StatusStream(IConsumer<string, byte[]> consumer) => _consumer = consumer;

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
                var record = _consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (record?.Message is { } message && message.Key == key)
                {
                    _seen.Add(Read(message));
                }
            }
            return _seen.ToList();
        });

    private static StatusEvent Read(Message<string, byte[]> message)
    {
        string? Header(string name) => CloudEventHeaders.Read(message.Headers, name);
        var payload = JsonSerializer.Deserialize<DeliveryStatusChanged>(message.Value, EventEnvelope.JsonOptions)
            ?? throw new InvalidOperationException("A status event has an empty payload.");
        return new StatusEvent(Header(CloudEventHeaders.Id), Header(CloudEventHeaders.Type), Header(CloudEventHeaders.Source),
            Header(CloudEventHeaders.SpecVersion), Header(CloudEventHeaders.Time), Header(CloudEventHeaders.TraceParent), payload);
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
