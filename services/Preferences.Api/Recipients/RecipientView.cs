using System.Text.Json.Nodes;
using Preferences.Api.Model;

namespace Preferences.Api.Recipients;

/// <summary>A stored profile as callers see it.</summary>
public sealed record RecipientView(
    string UserId, string? Email, string? Phone, string? Locale, string? TimeZone, JsonObject? Data,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RecipientView From(RecipientProfile profile) => new(
        profile.UserId, profile.Email, profile.Phone, profile.Locale, profile.TimeZone, ParseData(profile.DataJson),
        profile.CreatedAt, profile.UpdatedAt);

    private static JsonObject? ParseData(string? json) => json is null ? null : JsonNode.Parse(json)?.AsObject();
}
