using System.Text.Json;
using System.Text.Json.Serialization;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Webhook;

/// <summary>
/// A person's webhook endpoints as one contact string, the shape every channel's contact has: a JSON array of
/// `{id, url, secret}`, built from the delivery profile at each attempt and never stored (it carries secrets).
/// </summary>
public static class WebhookContact
{
    public static string? Of(IReadOnlyList<WebhookEndpointContact> endpoints) => endpoints.Count == 0
        ? null
        : JsonSerializer.Serialize(endpoints.Select(e => new Entry(e.Id, e.Url, e.Secret)));

    /// <summary>The endpoints in the contact, or null when it is not a list of them (an address meant for another channel).</summary>
    public static IReadOnlyList<WebhookEndpointContact>? Read(string contact)
    {
        if (!contact.TrimStart().StartsWith('['))
        {
            return null;
        }
        try
        {
            var entries = JsonSerializer.Deserialize<List<Entry?>>(contact);
            if (entries is not { Count: > 0 } || entries.Any(e => e is not { Id: not null, Url: not null, Secret: not null }))
            {
                return null;
            }
            return [.. entries.Select(e => new WebhookEndpointContact(e!.Id!.Value, e.Url!, e.Secret!))];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Entry(
        [property: JsonPropertyName("id")] Guid? Id,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("secret")] string? Secret);
}
