using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Bff;

/// <summary>
/// Over HTTPS the session cookie is <c>__Host-gateway-session</c>: Secure, Path=/, no Domain, so no other host
/// or path (a subdomain included) can set or shadow it. Browsers refuse a <c>__Host-</c> cookie without Secure,
/// and a cookie set Secure over plain HTTP never comes back, so on the plain-HTTP developer address the same
/// cookie is <c>gateway-session</c> without the prefix and without Secure (SecurePolicy=SameAsRequest).
/// HttpOnly and SameSite=Lax either way.
/// </summary>
public sealed class SessionCookieManager : ICookieManager
{
    public const string HostPrefix = "__Host-";

    private readonly ChunkingCookieManager _inner = new();

    public static string NameFor(HttpContext context, string key) => context.Request.IsHttps ? HostPrefix + key : key;

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, NameFor(context, key), value, Enforce(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, NameFor(context, key), Enforce(context, options));

    private static CookieOptions Enforce(HttpContext context, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            // What the prefix requires; the browser drops the cookie otherwise.
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }
        return options;
    }
}
