using System.Text.Json.Nodes;

namespace Preferences.Api.Recipients;

/// <summary>`PUT /api/recipients/{userId}`: the whole profile; a field left out is cleared.</summary>
public sealed record RecipientRequest(string? Email, string? Phone, string? Locale, string? TimeZone, JsonObject? Data);

/// <summary>`POST /api/recipients/bulk`: up to a thousand profiles, accepted or refused together.</summary>
public sealed record BulkRecipientsRequest(List<BulkRecipient?>? Recipients);

/// <summary>One profile of a bulk upsert: a <see cref="RecipientRequest"/> that names its person.</summary>
public sealed record BulkRecipient(string? UserId, string? Email, string? Phone, string? Locale, string? TimeZone, JsonObject? Data)
{
    public RecipientRequest ToRequest() => new(Email, Phone, Locale, TimeZone, Data);
}

/// <summary>How many profiles a bulk upsert created and how many it replaced.</summary>
public sealed record BulkUpsertResult(int Created, int Updated);
