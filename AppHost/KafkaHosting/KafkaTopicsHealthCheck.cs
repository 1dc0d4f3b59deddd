using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.KafkaHosting;

/// <summary>
/// Kafka is ready for the platform when the broker answers AND every declared topic exists. Missing topics
/// are created here (a real broker accepts CreateTopics; the mock broker creates them itself at start), so
/// services that wait for `kafka` never race topic auto-creation with the wrong partition count.
/// </summary>
public sealed class KafkaTopicsHealthCheck(Func<string?> connectionString, IReadOnlyList<KafkaTopic> topics) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } bootstrapServers)
        {
            return HealthCheckResult.Unhealthy("The broker has no address yet.");
        }
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig
            {
                BootstrapServers = bootstrapServers,
                SocketTimeoutMs = (int)Timeout.TotalMilliseconds,
            })
                // While the broker starts, librdkafka logs "brokers are down" to stderr on every check; those
                // read as failures in the AppHost's console. The check's own result says what matters.
                .SetLogHandler((_, _) => { })
                .SetErrorHandler((_, _) => { })
                .Build();

            var existing = admin.GetMetadata(Timeout).Topics
                .Where(t => t.Error.Code == ErrorCode.NoError)
                .Select(t => t.Topic)
                .ToHashSet();
            var missing = topics.Where(t => !existing.Contains(t.Name)).ToList();
            if (missing.Count == 0)
            {
                return HealthCheckResult.Healthy($"{topics.Count} topics ready.");
            }

            await admin.CreateTopicsAsync(
                missing.Select(t => new TopicSpecification
                {
                    Name = t.Name,
                    NumPartitions = t.Partitions,
                    ReplicationFactor = 1,
                    // The mock broker has no log cleaner; a real one keeps only each key's latest record of a state topic.
                    Configs = t.Compacted ? new Dictionary<string, string> { ["cleanup.policy"] = "compact" } : null,
                }),
                new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout });
            return HealthCheckResult.Unhealthy($"Created topics {string.Join(", ", missing.Select(t => t.Name))}; checking again.");
        }
        catch (Exception ex) when (ex is KafkaException or CreateTopicsException)
        {
            return HealthCheckResult.Unhealthy("Kafka is not answering yet.", ex);
        }
    }
}
