using NotificationAspire.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>
/// A consumer reads ahead of its handlers only a little: librdkafka's defaults (100,000 records a partition, 64 MiB)
/// filled a worker's memory behind the backlog of a 100,000-person topic send.
/// </summary>
public sealed class ConsumerReadAheadTests
{
    [Fact]
    public void A_consumer_reads_ahead_a_few_thousand_records_and_megabytes_not_librdkafkas_defaults()
    {
        var config = new KafkaClientSettings("localhost:9092", "tests").ConsumerConfig("group");

        Assert.InRange(config.QueuedMinMessages ?? 100_000, 1, 5_000);
        Assert.InRange(config.QueuedMaxMessagesKbytes ?? 64 * 1024, 1, 16 * 1024);
    }
}
