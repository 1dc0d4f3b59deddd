namespace Gateway.Bff;

/// <summary>
/// When the session's access token is renewed: once it has less than the refresh window left (Bff:TokenRefreshWindow),
/// so the token the gateway forwards is never one that expires on the way to the API. A token of unknown
/// expiry is renewed.
/// </summary>
public static class TokenRefreshPolicy
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(60);

    public static bool IsDue(DateTimeOffset? expiresAt, DateTimeOffset now, TimeSpan window) =>
        expiresAt is not { } expiry || now >= expiry - window;
}
