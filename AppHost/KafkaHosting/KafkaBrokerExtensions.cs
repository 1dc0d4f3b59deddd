using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationAspire.AppHost.Infrastructure;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.KafkaHosting;

/// <summary>
/// Stands in for Aspire.Hosting.Kafka, which is not on our package source: a KRaft Kafka container,
/// or in local mode the KafkaMockBroker project. Both publish a bootstrap-servers connection string and
/// become healthy only when every topic in <see cref="KafkaTopics.All"/> exists.
/// </summary>
public static class KafkaBrokerExtensions
{
    private const string Image = "confluentinc/confluent-local";
    private const string Tag = "7.9.0";

    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaBroker(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        IResourceBuilder<IResourceWithConnectionString> broker = mode switch
        {
            InfrastructureMode.Containers => builder.AddKafkaContainer(name),
            _ => builder.AddKafkaMockBroker(name),
        };

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(broker.Resource, async (_, ct) =>
            connectionString = await broker.Resource.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheckKey = $"{name}_topics_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new KafkaTopicsHealthCheck(() => connectionString, KafkaTopics.All), failureStatus: null, tags: null));
        return broker.WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<KafkaServerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaServerResource(name);
        return builder.AddResource(kafka)
            .WithImage(Image, Tag)
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: 9092, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: 9093, name: KafkaServerResource.InternalEndpointName)
            .WithEnvironment("KAFKA_LISTENERS", "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092,PLAINTEXT_INTERNAL://0.0.0.0:9093")
            .WithEnvironment("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT")
            .WithEnvironment(context =>
            {
                // Clients on the host reach the broker through Aspire's port mapping; in a cluster, through its Service name.
                var hostListener = context.ExecutionContext.IsRunMode
                    ? ReferenceExpression.Create($"localhost:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)}")
                    : ReferenceExpression.Create($"{name}:9092");
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = ReferenceExpression.Create(
                    $"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://{hostListener},PLAINTEXT_INTERNAL://{name}:9093");
            })
            .WithDataVolume();
    }

    private static IResourceBuilder<KafkaServerResource> WithDataVolume(this IResourceBuilder<KafkaServerResource> kafka) =>
        kafka.WithVolume($"{kafka.Resource.Name}-data", "/var/lib/kafka/data");

    private static IResourceBuilder<KafkaMockBrokerResource> AddKafkaMockBroker(this IDistributedApplicationBuilder builder, string name)
    {
        var broker = new KafkaMockBrokerResource(name);
        // A project with a connection string is not something AddProject can return; WithProjectDefaults gives
        // it the same launch wiring (telemetry, rebuild) as every other project. Experimental in Aspire 13.6.
#pragma warning disable ASPIREPROJECTS001
        return builder.AddResource(broker)
            .WithAnnotation(new Projects.KafkaMockBroker())
            .WithProjectDefaults(new ProjectResourceOptions())
#pragma warning restore ASPIREPROJECTS001
            .WithEndpoint(name: KafkaMockBrokerResource.PrimaryEndpointName, scheme: "tcp", env: "KAFKA_BROKER_PORT")
            .WithEnvironment("KAFKA_ADVERTISED_HOST", broker.PrimaryEndpoint.Property(EndpointProperty.Host))
            .WithEnvironment("KAFKA_ADVERTISED_PORT", broker.PrimaryEndpoint.Property(EndpointProperty.Port))
            .WithEnvironment("KAFKA_TOPICS", string.Join(',', KafkaTopics.All.Select(t => $"{t.Name}:{t.Partitions}")));
    }
}
