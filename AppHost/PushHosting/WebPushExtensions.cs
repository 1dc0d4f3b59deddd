using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.PushHosting;

/// <summary>
/// Web push: run (F5, tests, either infrastructure mode), browsers' subscriptions point at the `push-service`
/// stand-in, which checks the worker's VAPID signature against the same public key and keeps what arrived;
/// deployed, subscriptions point at the browsers' real push services, and no stand-in is published.
/// </summary>
public static class WebPushExtensions
{
    public static IResourceBuilder<ProjectResource>? AddPushService(this IDistributedApplicationBuilder builder, VapidKeys vapid)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return null;
        }
        // Its launch profile fixes the port on a developer's machine (http://localhost:5193/api/messages); tests randomize it.
        return builder.AddProject<Projects.PushService>(ResourceNames.PushService)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("PushService__ApplicationServerKey", vapid.PublicKey);
    }

    /// <summary>Only the public key: preferences-api hands it to browsers so they can subscribe.</summary>
    public static IResourceBuilder<ProjectResource> WithApplicationServerKey(this IResourceBuilder<ProjectResource> preferencesApi, VapidKeys vapid)
    {
        return preferencesApi.WithEnvironment("WebPush__PublicKey", vapid.PublicKey);
    }

    public static IResourceBuilder<ProjectResource> WithWebPush(this IResourceBuilder<ProjectResource> worker, VapidKeys vapid)
    {
        return worker.WithEnvironment("WebPush__PublicKey", vapid.PublicKey)
            .WithEnvironment("WebPush__PrivateKey", vapid.PrivateKey);
    }
}
