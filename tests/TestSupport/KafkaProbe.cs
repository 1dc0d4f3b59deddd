using System.Text;
using Confluent.Kafka;
using NotificationAspire.Messaging;

namespace NotificationAspire.TestSupport;

/// <summary>Produces and reads raw records on the platform's broker, as another service (or a broken one) would.</summary>
public sealed class KafkaProbe(PlatformFixture platform)
{
    public Task ProduceAsync(string topic, string key, string type, string payloadJson, IDictionary<string, string>? extraHeaders = null) =>
        ProduceAsync(topic, new EventEnvelope(Guid.NewGuid().ToString(), type, "/tests", DateTimeOffset.UtcNow, key, payloadJson,
            Extensions: extraHeaders?.ToDictionary()));

    /// <summary>Writes an event the way the platform's publishers do (CloudEvents binary mode); optionally on one partition.</summary>
    public async Task ProduceAsync(string topic, EventEnvelope envelope, int? partition = null)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            { BootstrapServers = await BootstrapAsync(), Acks = Acks.All, EnableIdempotence = true }).Build();
        var message = CloudEventHeaders.ToMessage(envelope);
        if (partition is { } p)
        {
            await producer.ProduceAsync(new TopicPartition(topic, p), message);
        }
        else
        {
            await producer.ProduceAsync(topic, message);
        }
    }

    /// <summary>Reads a topic from the beginning until a record matches or the deadline passes.</summary>
    public async Task<ConsumeResult<string, byte[]>?> FindAsync(string topic, Func<ConsumeResult<string, byte[]>, bool> match, TimeSpan deadline)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = await BootstrapAsync(),
            GroupId = $"probe-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var until = DateTime.UtcNow + deadline;
        try
        {
            while (DateTime.UtcNow < until)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
                if (record?.Message is not null && match(record))
                {
                    return record;
                }
            }
            return null;
        }
        finally
        {
            consumer.Close();
        }
    }

    public static string? Header(ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private async Task<string> BootstrapAsync() =>
        await platform.App.GetConnectionStringAsync(Contracts.ResourceNames.Kafka) ?? throw new InvalidOperationException("no kafka");
}
