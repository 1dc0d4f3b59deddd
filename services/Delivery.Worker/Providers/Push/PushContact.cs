using System.Text.Json;
using System.Text.Json.Serialization;
using Lib.Net.Http.WebPush;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Push;

/// <summary>One subscription to push to; <see cref="Id"/> is preferences-api's, null for a subscription given as is.</summary>
public sealed record PushTarget(Guid? Id, PushSubscription Subscription);

/// <summary>
/// A person's push subscriptions as one contact string, the shape every channel's contact has: a JSON array of
/// `{id, endpoint, keys: {p256dh, auth}}`, built from the delivery profile at each attempt and never stored. A
/// single browser `PushSubscription.toJSON()` object is read as well.
/// </summary>
public static class PushContact
{
    public static string? Of(IReadOnlyList<PushSubscriptionContact> subscriptions) => subscriptions.Count == 0
        ? null
        : JsonSerializer.Serialize(subscriptions.Select(s => new Entry(s.Id, s.Endpoint, new Keys(s.P256dh, s.Auth))));

    /// <summary>The subscriptions in the contact, or null when it is not one (an address meant for another channel).</summary>
    public static IReadOnlyList<PushTarget>? Read(string contact)
    {
        try
        {
            var trimmed = contact.TrimStart();
            var entries = trimmed.StartsWith('[')
                ? JsonSerializer.Deserialize<List<Entry>>(trimmed, Json)
                : [JsonSerializer.Deserialize<Entry>(trimmed, Json)!];
            if (entries is not { Count: > 0 } || entries.Any(e => e is null || !Uri.TryCreate(e.Endpoint, UriKind.Absolute, out _)
                || string.IsNullOrEmpty(e.Keys?.P256dh) || string.IsNullOrEmpty(e.Keys?.Auth)))
            {
                return null;
            }
            return [.. entries.Select(e => new PushTarget(e.Id, new PushSubscription
            {
                Endpoint = e.Endpoint,
                Keys = new Dictionary<string, string> { ["p256dh"] = e.Keys!.P256dh!, ["auth"] = e.Keys.Auth! },
            }))];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Entry(
        [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Id,
        [property: JsonPropertyName("endpoint")] string? Endpoint,
        [property: JsonPropertyName("keys")] Keys? Keys);

    private sealed record Keys([property: JsonPropertyName("p256dh")] string? P256dh, [property: JsonPropertyName("auth")] string? Auth);
}
