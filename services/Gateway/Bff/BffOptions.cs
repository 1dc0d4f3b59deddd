namespace Gateway.Bff;

/// <summary>Settings of browser sign-in, section "Bff" (the client id and secret come from "Identity", set by the AppHost).</summary>
public sealed class BffOptions
{
    public const string Section = "Bff";

    /// <summary>The cookie's name over plain HTTP; over HTTPS it gets the <c>__Host-</c> prefix (<see cref="SessionCookieManager"/>).</summary>
    public const string CookieName = "gateway-session";

    /// <summary>An access token with less than this left is renewed before it is forwarded.</summary>
    public TimeSpan TokenRefreshWindow { get; set; } = TokenRefreshPolicy.DefaultWindow;

    /// <summary>
    /// How long a session lasts without use (sliding). The identity provider's session usually ends it sooner:
    /// once a refresh is refused, the gateway's session ends with it.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
