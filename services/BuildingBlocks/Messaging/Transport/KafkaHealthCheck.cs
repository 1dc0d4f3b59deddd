using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationAspire.Messaging;

/// <summary>Readiness: the broker answers a metadata request over the service's own producer connection.</summary>
public sealed class KafkaHealthCheck(IProducer<string, byte[]> producer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(3));
            return Task.FromResult(metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                : HealthCheckResult.Unhealthy("The cluster reports no brokers."));
        }
        catch (KafkaException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka does not answer.", ex));
        }
    }
}
