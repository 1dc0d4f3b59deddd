using System.Text;
using Confluent.Kafka;

namespace NotificationAspire.EndToEnd.Tests;

/// <summary>Produces and reads raw records on the platform's broker, as another service (or a broken one) would.</summary>
public sealed class KafkaProbe(PlatformFixture platform)
{
    public async Task ProduceAsync(string topic, string key, string type, string payloadJson, IDictionary<string, string>? extraHeaders = null)
    {
        var headers = new Headers
        {
            { "ce_specversion", "1.0"u8.ToArray() },
            { "ce_id", Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()) },
            { "ce_source", "/tests"u8.ToArray() },
            { "ce_type", Encoding.UTF8.GetBytes(type) },
            { "ce_time", Encoding.UTF8.GetBytes(DateTimeOffset.UtcNow.ToString("O")) },
            { "content-type", "application/json"u8.ToArray() },
        };
        foreach (var (name, value) in extraHeaders ?? new Dictionary<string, string>())
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = await BootstrapAsync() }).Build();
        await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(payloadJson), Headers = headers });
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
