namespace NotificationAspire.AppHost.Infrastructure;

/// <summary>
/// Addresses people reach the platform by when it is deployed: cluster-internal names mean nothing in a browser
/// or an inbox. Parameters (not secret: keys of the `parameters` ConfigMap), created once however many resources use them.
/// </summary>
public static class PublicAddresses
{
    /// <summary>The gateway as browsers and mail clients reach it (unsubscribe links, the browser sign-in redirect).</summary>
    public const string GatewayParameter = "public-base-url";

    /// <summary>The identity provider as browsers reach it: Keycloak's hostname, so its issuer is the same inside and outside.</summary>
    public const string IdentityParameter = "identity-public-url";

    public static IResourceBuilder<ParameterResource> Parameter(IDistributedApplicationBuilder builder, string name) =>
        builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(name);
}
