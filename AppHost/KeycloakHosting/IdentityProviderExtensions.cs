using NotificationAspire.AppHost.Infrastructure;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.KeycloakHosting;

/// <summary>
/// Stands in for Aspire.Hosting.Keycloak, which is not on our package source: Keycloak 26 importing the
/// realm file from the repo, or in local mode the IdentityStandIn project serving the same file with
/// Keycloak's URLs and token shape. Services only ever see the realm's authority URL.
/// </summary>
public static class IdentityProviderExtensions
{
    public const string HttpEndpointName = "http";
    private const string Registry = "quay.io";
    private const string Image = "keycloak/keycloak";
    private const string Tag = "26.4";
    private const string RealmFileName = "notifications-realm.json";
    private const string ImportDirectory = "/opt/keycloak/data/import";
    private const string DevDatabaseDirectory = "/opt/keycloak/data/h2";

    /// <summary>Where developers reach the realm in both modes (the stand-in's launch profile uses the same port).</summary>
    private const int DeveloperPort = 5180;

    public static IResourceBuilder<IResourceWithEndpoints> AddIdentityProvider(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode, RealmSecrets secrets)
    {
        var realmDirectory = Path.Combine(builder.AppHostDirectory, "Realms");
        IResourceBuilder<IResourceWithEndpoints> identity = mode switch
        {
            InfrastructureMode.Containers => builder.AddKeycloakContainer(name, realmDirectory),
            _ => builder.AddProject<Projects.IdentityStandIn>(name)
                .WithEnvironment("REALM_FILE", Path.Combine(realmDirectory, RealmFileName))
                .WithHttpHealthCheck("/health"),
        };

        var withEnvironment = builder.CreateResourceBuilder((IResourceWithEnvironment)identity.Resource);
        foreach (var (placeholder, parameter) in secrets.Placeholders)
        {
            withEnvironment.WithEnvironment(placeholder, parameter);
        }

        // The realm file's other placeholders. Deployed, the gateway's public address is one of its client's redirect
        // URIs (run, the localhost entries cover it, port-agnostic as Keycloak treats loopback addresses).
        if (builder.ExecutionContext.IsPublishMode)
        {
            withEnvironment.WithEnvironment("GATEWAY_PUBLIC_URL", PublicAddresses.Parameter(builder, PublicAddresses.GatewayParameter));
        }
        // Seconds an access token of the `gateway` client lives (the realm's 300 by default); the sign-in tests shorten
        // it to see the gateway refresh a browser session's token across its expiry.
        if (builder.Configuration[GatewayAccessTokenLifespanKey] is { Length: > 0 } lifespan)
        {
            withEnvironment.WithEnvironment("GATEWAY_ACCESS_TOKEN_LIFESPAN", lifespan);
        }
        return identity;
    }

    /// <summary>AppHost setting: seconds an access token of the realm's `gateway` client (browser sessions) lives.</summary>
    public const string GatewayAccessTokenLifespanKey = "Identity:GatewayAccessTokenLifespan";

    private static IResourceBuilder<ContainerResource> AddKeycloakContainer(
        this IDistributedApplicationBuilder builder, string name, string realmDirectory)
    {
        // The admin console's credentials: secret parameters (user secrets when run, Secrets when deployed).
        var adminUsername = builder.AddParameter($"{name}-admin-username", "admin", secret: true);
        var adminPassword = builder.AddParameter($"{name}-admin-password",
            new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);
        var keycloak = builder.AddContainer(name, Image, Tag)
            .WithImageRegistry(Registry)
            .WithArgs("start-dev", "--import-realm")
            .WithHttpEndpoint(port: DeveloperPort, targetPort: 8080, name: HttpEndpointName)
            .WithHttpEndpoint(targetPort: 9000, name: "management")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername)
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithHttpHealthCheck("/health/ready", endpointName: "management");

        // One issuer inside and outside: Keycloak names itself by the address browsers use (the front channel:
        // login page, issuer), while services reach the back channel (token, keys) at whatever address they call,
        // so a token a browser session got validates at every service. Run, both are http://localhost:5180.
        keycloak.WithEnvironment("KC_HOSTNAME", builder.ExecutionContext.IsPublishMode
                ? ReferenceExpression.Create($"{PublicAddresses.Parameter(builder, PublicAddresses.IdentityParameter).Resource}")
                : ReferenceExpression.Create($"http://localhost:{DeveloperPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))
            .WithEnvironment("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");

        // The "authorization server with a GUI console", one click away on the dashboard (sign in with the parameters above).
        keycloak.WithUrlForEndpoint(HttpEndpointName, url => url.DisplayText = "Realm")
            .WithUrl(ReferenceExpression.Create($"{keycloak.GetEndpoint(HttpEndpointName)}/admin/master/console/#/{IdentityRealm.Name}"), "Admin console");

        // On a developer's machine the realm folder is mounted, so an edited realm needs only a restart. A
        // cluster has no such host path: published, the realm is baked into an image built on the official one,
        // and the dev-mode database (users, sessions, realm changes made in the console) gets a volume.
        return builder.ExecutionContext.IsPublishMode
            ? keycloak.WithDockerfileFactory(realmDirectory, _ =>
                    $"FROM {Registry}/{Image}:{Tag}\nCOPY {RealmFileName} {ImportDirectory}/{RealmFileName}\n")
                .WithVolume($"{name}-data", DevDatabaseDirectory)
            : keycloak.WithBindMount(realmDirectory, ImportDirectory, isReadOnly: true);
    }

    /// <summary>Points a service at the realm: its authority (the issuer URL) and the API audience.</summary>
    public static IResourceBuilder<T> WithIdentity<T>(this IResourceBuilder<T> service, IResourceBuilder<IResourceWithEndpoints> identity)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        var endpoint = identity.GetEndpoint(HttpEndpointName);
        return service
            .WithEnvironment("Identity__Authority", ReferenceExpression.Create($"{endpoint}/realms/{IdentityRealm.Name}"))
            .WithEnvironment("Identity__Audience", IdentityRealm.ApiAudience)
            .WaitFor(identity);
    }
}
