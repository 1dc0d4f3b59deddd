namespace Preferences.Api.Recipients;

/// <summary>
/// `PUT /api/me/profile`: what a person may change about themself. Their language and time zone are theirs to
/// choose; addresses are not: the services that know the person set them (a self-service address change would
/// need proving the address is theirs first).
/// </summary>
public sealed record OwnProfileRequest(string? Locale, string? TimeZone);

/// <summary>A person's own profile as they see it: contacts for reading, language and zone for changing.</summary>
public sealed record OwnProfileView(string UserId, string? Email, string? Phone, string? Locale, string? TimeZone)
{
    public static OwnProfileView From(Model.RecipientProfile profile) =>
        new(profile.UserId, profile.Email, profile.Phone, profile.Locale, profile.TimeZone);

    /// <summary>Someone the services never described: nothing is known but who they are.</summary>
    public static OwnProfileView Unknown(string userId) => new(userId, null, null, null, null);
}
