using NotificationAspire.AppHost.Infrastructure;

namespace NotificationAspire.AppHost.Recipients;

/// <summary>
/// The one-click unsubscribe links (RFC 8058) in emails: signed by the delivery worker and verified by
/// `preferences-api` with one generated secret, pointing at the gateway, the platform's public address.
/// </summary>
public static class UnsubscribeLinkExtensions
{
    /// <summary>The shared signing key: generated on first run, kept in user secrets, a Secret when deployed.</summary>
    public static IResourceBuilder<ParameterResource> AddUnsubscribeSigningKey(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter("unsubscribe-signing-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

    public static IResourceBuilder<ProjectResource> WithUnsubscribeVerification(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ParameterResource> signingKey) =>
        service.WithEnvironment("Unsubscribe__SigningKey", signingKey);

    /// <summary>
    /// Links point at the gateway's http endpoint when run (F5, tests); deployed, at the address people reach
    /// the platform by, a parameter (`public-base-url`), since the cluster-internal address means nothing in an inbox.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUnsubscribeLinks(this IResourceBuilder<ProjectResource> worker,
        IResourceBuilder<ParameterResource> signingKey, IResourceBuilder<ProjectResource> gateway)
    {
        worker.WithUnsubscribeVerification(signingKey);
        return worker.ApplicationBuilder.ExecutionContext.IsPublishMode
            ? worker.WithEnvironment("Unsubscribe__PublicBaseUrl", PublicAddresses.Parameter(worker.ApplicationBuilder, PublicAddresses.GatewayParameter))
            : worker.WithEnvironment("Unsubscribe__PublicBaseUrl", gateway.GetEndpoint("http"));
    }
}
