using Microsoft.Extensions.Configuration;

namespace NotificationAspire.AppHost.MailHosting;

/// <summary>
/// Where the delivery worker sends email: the platform's mail sink, or another SMTP server named by
/// `Mail:DeliverTo` (say `smtp://127.0.0.1:2525`). The benchmark uses that for its counting sink, since smtp4dev
/// is built for reading mail, not for speed; smtp4dev stays in the model either way, so its web UI still works.
/// </summary>
public static class MailDeliveryExtensions
{
    public const string DeliverToKey = "Mail:DeliverTo";

    public static IResourceBuilder<ProjectResource> WithMailDelivery(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IMailServerResource> mail)
    {
        var deliverTo = service.ApplicationBuilder.Configuration[DeliverToKey];
        if (string.IsNullOrWhiteSpace(deliverTo))
        {
            return service.WithReference(mail).WaitFor(mail);
        }
        if (!Uri.TryCreate(deliverTo, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("smtp" or "smtps"))
        {
            throw new InvalidOperationException($"{DeliverToKey} must be an smtp:// or smtps:// address; it is '{deliverTo}'.");
        }
        return service.WithEnvironment($"ConnectionStrings__{mail.Resource.Name}", $"Endpoint={endpoint.GetLeftPart(UriPartial.Authority)}");
    }
}
