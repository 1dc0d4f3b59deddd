namespace NotificationAspire.AppHost.KeycloakHosting;

/// <summary>How a service calls another platform API with its own token (client credentials).</summary>
public static class ServiceClientExtensions
{
    public static IResourceBuilder<ProjectResource> WithServiceClient(this IResourceBuilder<ProjectResource> service,
        string clientId, IResourceBuilder<ParameterResource> clientSecret) => service
        .WithEnvironment("Identity__ClientId", clientId)
        .WithEnvironment("Identity__ClientSecret", clientSecret);
}
