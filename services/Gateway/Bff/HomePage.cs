using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace Gateway.Bff;

/// <summary>
/// The gateway's own page at <c>/</c>: says who is signed in, with a sign-in link or a sign-out button (a plain
/// form with the session's <see cref="LogoutToken"/>). No script; everything written into it is HTML-encoded.
/// </summary>
public static class HomePage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder app)
    {
        app.MapGet(BffDefaults.HomePath, RenderAsync).RequireAuthorization(BffPolicies.SignIn).ExcludeFromDescription();
        return app;
    }

    private static async Task RenderAsync(HttpContext http, LogoutToken tokens)
    {
        var session = await http.AuthenticateAsync(BffDefaults.CookieScheme);
        var body = session.Succeeded && session.Principal is { } user ? SignedIn(user, tokens.For(user)) : SignedOut();
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        await http.Response.WriteAsync($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>NotificationAspire</title>
            <style>
              body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; }
              button { padding: .5rem 1rem; } .muted { color: #666; }
            </style></head>
            <body><h1>NotificationAspire</h1>{{body}}
            <p class="muted"><a href="/scalar">API reference</a></p></body></html>
            """);
    }

    private static string SignedOut() =>
        $"""<p id="status">You are not signed in.</p><p><a id="sign-in" href="{BffDefaults.LoginPath}?returnUrl=%2F">Sign in</a></p>""";

    private static string SignedIn(ClaimsPrincipal user, string? logoutToken)
    {
        var name = user.FindFirstValue("name") ?? user.FindFirstValue("preferred_username") ?? user.FindFirstValue("sub") ?? "?";
        var username = user.FindFirstValue("preferred_username") ?? string.Empty;
        var roles = user.FindAll(Microsoft.Extensions.Hosting.AuthenticationExtensions.RoleClaim).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return $"""
            <p id="status">Signed in as <strong id="name">{Html.Encode(name)}</strong> (<span id="username">{Html.Encode(username)}</span>).</p>
            <p>Roles: <span id="roles">{Html.Encode(roles.Count > 0 ? string.Join(", ", roles) : "none")}</span></p>
            <p><a id="open-console" href="/console/">Open the console</a> (your inbox and preferences; operations for operators)</p>
            <p><a id="whoami" href="{BffDefaults.UserPath}">Your session as JSON</a></p>
            <form method="post" action="{BffDefaults.LogoutPath}">
              <input type="hidden" name="{LogoutToken.FormField}" value="{Html.Encode(logoutToken ?? string.Empty)}">
              <button id="sign-out" type="submit">Sign out</button>
            </form>
            """;
    }
}
