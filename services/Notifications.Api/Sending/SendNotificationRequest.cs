using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Notifications.Api.Sending;

/// <summary>
/// The body of `POST /api/notifications`. Unknown fields are rejected, so a typo never goes unnoticed.
/// Fields added later come last and are left out of the fingerprint while null, so a request accepted before
/// they existed still matches its own retry (<see cref="RequestFingerprint"/>).
/// </summary>
/// <param name="Channel">Optional: absent means the category's default channels, resolved by the worker.</param>
/// <param name="Category">Optional: a category key (`order-updates`); absent means `general`.</param>
/// <param name="TemplateVersion">Optional: pins an older version of the template; absent means the current one.</param>
/// <param name="Channels">Optional, instead of <paramref name="Channel"/>: several channels in order (`["sms","email"]`).</param>
/// <param name="Strategy">With <paramref name="Channels"/>: `first-success` (the default) or `all`.</param>
/// <param name="SendAt">Optional: deliver at this instant (<see cref="SendTimeRules"/>); absent means now.</param>
/// <param name="SendAtLocal">Optional, instead of <paramref name="SendAt"/>: this wall-clock time in each recipient's time zone.</param>
/// <param name="Topics">Optional: topic keys whose subscribers get it too (with or without <paramref name="Recipients"/>); a person named and subscribed gets one.</param>
/// <param name="Digest">Optional: collect into one message per person and key within a window (<see cref="DigestRules"/>).</param>
public sealed record SendNotificationRequest(
    string? Channel,
    IReadOnlyList<RecipientRequest>? Recipients,
    string? Subject,
    string? Body,
    string? TemplateKey,
    JsonObject? TemplateData,
    string? CorrelationKey,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Category = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TemplateVersion = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Channels = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Strategy = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SendAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SendAtLocal = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Topics = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DigestRequestBody? Digest = null);

/// <summary>A send's `digest` as given; <see cref="DigestRules"/> checks it.</summary>
/// <param name="TemplateKey">Optional: the digest template (it sees `count` and `items`); absent means a plain list.</param>
public sealed record DigestRequestBody(
    string? Key,
    int? WindowSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TemplateKey = null);

/// <param name="Contact">Optional: an address for a person without a profile; absent means the one in their profile.</param>
public sealed record RecipientRequest(string? UserId, string? Contact);

/// <summary>What `POST` answers (202), the same for a replay with the same Idempotency-Key.</summary>
public sealed record NotificationAccepted(Guid Id, string Status);
