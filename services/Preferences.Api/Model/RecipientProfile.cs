namespace Preferences.Api.Model;

/// <summary>A person the platform can reach, keyed by their user id (the `sub` of their own token).</summary>
public sealed class RecipientProfile
{
    public required string UserId { get; init; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Locale { get; private set; }
    public string? TimeZone { get; private set; }

    /// <summary>Custom fields as JSON text (jsonb), for templates to use as `recipient.data.*`.</summary>
    public string? DataJson { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A profile is replaced whole: a field the caller left out is cleared, as PUT means.</summary>
    public void Replace(RecipientDetails details, DateTimeOffset now)
    {
        Email = details.Email;
        Phone = details.Phone;
        Locale = details.Locale;
        TimeZone = details.TimeZone;
        DataJson = details.Data?.ToJsonString();
        UpdatedAt = now;
    }

    /// <summary>What a person changes about themself (`PUT /api/me/profile`); contacts stay as the services set them.</summary>
    public void ChooseLanguageAndZone(string? locale, string? timeZone, DateTimeOffset now)
    {
        Locale = locale;
        TimeZone = timeZone;
        UpdatedAt = now;
    }

    public static RecipientProfile Create(string userId, RecipientDetails details, DateTimeOffset now)
    {
        var profile = new RecipientProfile { UserId = userId, CreatedAt = now };
        profile.Replace(details, now);
        return profile;
    }
}

/// <summary>A profile's fields as validated and normalized (canonical locale name, IANA zone id, trimmed address).</summary>
public sealed record RecipientDetails(string? Email, string? Phone, string? Locale, string? TimeZone, System.Text.Json.Nodes.JsonObject? Data);
