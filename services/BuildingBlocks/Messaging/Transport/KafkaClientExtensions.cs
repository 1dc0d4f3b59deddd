using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace NotificationAspire.Messaging;

/// <summary>
/// Stands in for Aspire.Confluent.Kafka (not on our package source): clients configured from the
/// `kafka` connection string the AppHost injects, a readiness check, and tracing through the envelope.
/// </summary>
public static class KafkaClientExtensions
{
    /// <param name="serviceName">The service's resource name: its events' CloudEvents source is `/{serviceName}`.</param>
    public static IHostApplicationBuilder AddKafkaMessaging(this IHostApplicationBuilder builder, string connectionName, string serviceName)
    {
        var bootstrapServers = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured; the AppHost sets it with WithReference(kafka).");

        builder.Services.AddSingleton(new KafkaClientSettings(bootstrapServers, builder.Environment.ApplicationName));
        builder.Services.AddSingleton(sp => new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = builder.Environment.ApplicationName,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 2,
            MessageTimeoutMs = 30_000,
            // Batches are stored and sent compressed: our records are JSON, much alike within a batch (a topic page's
            // deliveries differ by person only). It matters most in local mode: librdkafka's mock broker keeps 5 MiB
            // per partition and drops the oldest records beyond that, read or not; uncompressed, a 100,000-person
            // topic send left about 5,500 of its 12,500 delivery records per dispatch partition, and dropped the rest.
            CompressionType = CompressionType.Lz4,
        }).Build());
        builder.Services.AddHostedService<ProducerFlushOnStop>();
        builder.Services.AddSingleton<IEventPublisher, KafkaEventPublisher>();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration("Messaging")
            .Configure(options => options.Source = $"/{serviceName}")
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KafkaEventBus>();
        builder.Services.AddSingleton<IEventBus>(services => services.GetRequiredService<KafkaEventBus>());
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka");
        return builder;
    }
}

/// <summary>Where the broker is and who we are to it.</summary>
public sealed record KafkaClientSettings(string BootstrapServers, string ClientId)
{
    public ConsumerConfig ConsumerConfig(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        ClientId = ClientId,
        GroupId = groupId,
        // Offsets are stored only once the work is durable (ConsumerGroupHost), never as records are read; the
        // client commits what is stored in the background, in batches, instead of a round trip per record.
        EnableAutoCommit = true,
        AutoCommitIntervalMs = 500,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // As short as brokers allow by default (group.min.session.timeout.ms): a dead member's partitions move on
        // in seconds rather than 45, and the mock broker's rebalances (which wait for it) stay short.
        SessionTimeoutMs = 6_000,
        HeartbeatIntervalMs = 2_000,
        // A broker answers a fetch as soon as a record arrives; librdkafka's mock broker (local mode) waits this long
        // every time, so it is the latency of each hop through Kafka there. Short, at the price of more idle fetches.
        FetchWaitMaxMs = 20,
        // What the client reads ahead of the handlers. librdkafka's defaults (100,000 records a partition, up to
        // 64 MiB) fill memory whenever a backlog waits, as a 100,000-person topic send leaves on the dispatch topic;
        // a few thousand records are still far more than the handlers take in a fetch round trip.
        QueuedMinMessages = 2_000,
        QueuedMaxMessagesKbytes = 8 * 1024,
        PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        // librdkafka reports each partition's lag this often (see ConsumerLagMetrics).
        StatisticsIntervalMs = ConsumerLagMetrics.ReportIntervalMs,
    };
}
