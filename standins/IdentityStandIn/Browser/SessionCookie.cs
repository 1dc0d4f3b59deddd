namespace NotificationAspire.Standins.IdentityStandIn.Browser;

/// <summary>
/// The browser's single sign-on cookie: the id of its <see cref="BrowserSession"/> (random, looked up in memory,
/// so it needs no signature). Scoped to the realm's path, HttpOnly, SameSite=Lax (sign-in is a top-level
/// navigation), Secure when the request came over HTTPS.
/// </summary>
public static class SessionCookie
{
    public const string Name = "STANDIN_SESSION";

    public static string? Read(HttpContext http) => http.Request.Cookies[Name];

    public static void Write(HttpContext http, BrowserSession session) =>
        http.Response.Cookies.Append(Name, session.Id, Options(http));

    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        Path = http.Request.PathBase.HasValue ? http.Request.PathBase.Value + "/" : "/",
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        IsEssential = true,
    };
}
