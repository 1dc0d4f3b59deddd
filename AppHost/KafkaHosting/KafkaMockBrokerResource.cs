namespace NotificationAspire.AppHost.KafkaHosting;

/// <summary>The local-mode broker: the KafkaMockBroker stand-in project (librdkafka's mock cluster behind a fixed port).</summary>
public sealed class KafkaMockBrokerResource(string name) : ProjectResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
