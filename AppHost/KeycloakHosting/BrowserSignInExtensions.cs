using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.KeycloakHosting;

/// <summary>
/// The gateway signs browsers in as the realm's confidential `gateway` client and keeps their sessions (and the
/// Data Protection keys that protect them) in a database of its own, so that any replica serves any browser.
/// </summary>
public static class BrowserSignInExtensions
{
    public static IResourceBuilder<ProjectResource> WithBrowserSignIn(this IResourceBuilder<ProjectResource> gateway,
        IResourceBuilder<IResourceWithConnectionString> sessionDatabase, IResourceBuilder<ParameterResource> clientSecret) => gateway
        .WithReference(sessionDatabase).WaitFor(sessionDatabase)
        .WithServiceClient(BrowserClientId, clientSecret);

    /// <summary>The realm's client browsers sign in through.</summary>
    public const string BrowserClientId = ResourceNames.Gateway;
}
