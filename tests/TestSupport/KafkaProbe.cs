using Confluent.Kafka;
using NotificationAspire.Contracts;
using NotificationAspire.Messaging;

namespace NotificationAspire.TestSupport;

/// <summary>
/// Produces and reads records on the platform's broker, as another service (or a broken one) would: the one
/// place tests make Kafka producers and readers.
/// </summary>
public sealed class KafkaProbe(PlatformFixture platform)
{
    public async Task<string> BootstrapServersAsync() =>
        await platform.App.GetConnectionStringAsync(ResourceNames.Kafka)
        ?? throw new InvalidOperationException("kafka has no connection string");

    public Task ProduceAsync(string topic, string key, string type, string payloadJson, IDictionary<string, string>? extraHeaders = null) =>
        ProduceAsync(topic, new EventEnvelope(Guid.NewGuid().ToString(), type, "/tests", DateTimeOffset.UtcNow, key, payloadJson,
            Extensions: extraHeaders?.ToDictionary()));

    /// <summary>Writes an event the way the platform's publishers do (CloudEvents binary mode); optionally on one partition.</summary>
    public Task ProduceAsync(string topic, EventEnvelope envelope, int? partition = null) =>
        ProduceAsync(topic, CloudEventHeaders.ToMessage(envelope), partition);

    /// <summary>Writes a record as it is given, acknowledged by every replica; optionally on one partition.</summary>
    public async Task ProduceAsync(string topic, Message<string, byte[]> message, int? partition = null)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
            { BootstrapServers = await BootstrapServersAsync(), Acks = Acks.All, EnableIdempotence = true }).Build();
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
        using var consumer = Reader(await BootstrapServersAsync(), "probe");
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

    /// <summary>The first record on <paramref name="topic"/> whose CloudEvents id is <paramref name="eventId"/>.</summary>
    public Task<ConsumeResult<string, byte[]>?> FindByIdAsync(string topic, string eventId, TimeSpan deadline) =>
        FindAsync(topic, r => Header(r, CloudEventHeaders.Id) == eventId, deadline);

    /// <summary>`notification-status` from the beginning, for collecting one notification's events as they come.</summary>
    public async Task<StatusStream> OpenStatusStreamAsync()
    {
        var consumer = Reader(await BootstrapServersAsync(), "delivery-tests", sessionTimeoutMs: 6000);
        consumer.Subscribe(KafkaTopics.NotificationStatus.Name);
        return new StatusStream(consumer);
    }

    /// <summary>
    /// A reader of <paramref name="topics"/> from where each partition ends now: what is written from here on,
    /// nothing before (the ends are read first, so a record written right after this returns is not skipped).
    /// </summary>
    public async Task<IConsumer<string, byte[]>> TailAsync(params KafkaTopic[] topics)
    {
        var consumer = Reader(await BootstrapServersAsync(), "tail");
        var ends = topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartition(t.Name, p)))
            .Select(tp => new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High)).ToList();
        consumer.Assign(ends);
        return consumer;
    }

    public static string? Header(ConsumeResult<string, byte[]> record, string name) => CloudEventHeaders.Read(record.Message.Headers, name);

    /// <summary>A group of its own, from the beginning, committing nothing: it sees every record and takes none from the services' groups.</summary>
    private static IConsumer<string, byte[]> Reader(string bootstrapServers, string groupPrefix, int? sessionTimeoutMs = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"{groupPrefix}-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        if (sessionTimeoutMs is { } timeout)
        {
            config.SessionTimeoutMs = timeout;
        }
        return new ConsumerBuilder<string, byte[]>(config).Build();
    }
}
