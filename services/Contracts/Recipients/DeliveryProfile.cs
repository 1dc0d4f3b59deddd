using System.Text.Json.Nodes;

namespace NotificationAspire.Contracts.Recipients;

/// <summary>
/// What the delivery worker needs to know about one person for one category, in one answer of
/// `GET /api/recipients/{userId}/delivery-profile?category={key}` on `preferences-api`. Always 200: a null
/// <see cref="Recipient"/> means no profile (the send may still carry an inline contact), a null
/// <see cref="Category"/> means no such category; so "not found" is never confused with "service unreachable".
/// The worker decides from it at the moment of each attempt (quiet hours depend on that moment), so a cached
/// copy is judged by the same rules as a fresh one.
/// </summary>
public sealed record DeliveryProfile(
    RecipientContact? Recipient,
    NotificationCategory? Category,
    IReadOnlyList<ChannelPreference> Preferences,
    QuietHoursWindow? QuietHours)
{
    /// <summary>The person's browsers that accept web push; empty means no push address. Added after the first version.</summary>
    public IReadOnlyList<PushSubscriptionContact> PushSubscriptions { get; init; } = [];

    /// <summary>The person's enabled webhook endpoints, secrets included; empty means no webhook address. Added after the first version.</summary>
    public IReadOnlyList<WebhookEndpointContact> WebhookEndpoints { get; init; } = [];
}

/// <summary>A person's contacts and the settings that shape a message to them.</summary>
/// <param name="Locale">BCP 47 (`de-AT`); null means the template's default.</param>
/// <param name="TimeZone">IANA (`Europe/Berlin`); null means UTC.</param>
/// <param name="Data">Custom fields templates can use as `recipient.data.*`.</param>
public sealed record RecipientContact(string UserId, string? Email, string? Phone, string? Locale, string? TimeZone, JsonObject? Data);

/// <summary>A kind of notification. Critical ones (security alerts) ignore opt-outs and quiet hours.</summary>
public sealed record NotificationCategory(string Key, string Name, IReadOnlyList<string> DefaultChannels, bool Critical);

/// <summary>A person's choice for a channel: for one category, or for every category when <see cref="Category"/> is null.</summary>
public sealed record ChannelPreference(string? Category, string Channel, bool Enabled);

/// <summary>
/// Local times in the person's own time zone between which nothing non-critical is delivered. A window whose
/// end is before its start runs across midnight (22:00-07:00).
/// </summary>
public sealed record QuietHoursWindow(TimeOnly Start, TimeOnly End);
