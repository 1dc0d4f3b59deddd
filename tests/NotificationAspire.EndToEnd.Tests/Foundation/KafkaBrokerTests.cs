using Confluent.Kafka;
using NotificationAspire.Contracts;

namespace NotificationAspire.EndToEnd.Tests.Foundation;

[Collection(PlatformCollection.Name)]
public sealed class KafkaBrokerTests(PlatformFixture platform)
{
    private readonly KafkaProbe _kafka = new(platform);

    [Fact]
    public async Task Every_declared_topic_exists_with_its_declared_partitions()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = await _kafka.BootstrapServersAsync() }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        foreach (var topic in KafkaTopics.All)
        {
            var found = Assert.Single(metadata.Topics, t => t.Topic == topic.Name);
            Assert.Equal(topic.Partitions, found.Partitions.Count);
        }
    }

    [Fact]
    public async Task A_message_produced_to_a_declared_topic_is_consumed_back_through_a_consumer_group()
    {
        var key = $"probe-{Guid.NewGuid():N}";
        var topic = KafkaTopics.NotificationDeadLetters.Name; // one partition: the probe is easy to find

        await _kafka.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = key,
            Value = "{\"probe\":true}"u8.ToArray(),
            Headers = new Headers { { "ce_type", "probe"u8.ToArray() } },
        });

        // Made here, not by the probe, whose readers never commit: a consumer group's commit is what this test checks.
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = await _kafka.BootstrapServersAsync(),
            GroupId = $"probe-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        }).Build();
        consumer.Subscribe(topic);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ConsumeResult<string, string>? received = null;
        while (received is null && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result?.Message?.Key == key)
            {
                received = result;
            }
        }
        Assert.NotNull(received);
        Assert.Equal("probe", System.Text.Encoding.UTF8.GetString(received.Message.Headers.GetLastBytes("ce_type")));
        consumer.Commit(received);
        Assert.Equal(received.Offset + 1, consumer.Committed([received.TopicPartition], TimeSpan.FromSeconds(10)).Single().Offset);
        consumer.Close();
    }
}
