namespace NotificationAspire.AppHost.PostgresHosting;

/// <summary>PostgreSQL run from the machine's binaries: the local-mode twin of Aspire's PostgresServerResource.</summary>
public sealed class LocalPostgresServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    /// <summary>Database resource names to database names, created once the server is ready.</summary>
    public Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres");
}
