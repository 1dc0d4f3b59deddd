using System.Text;
using System.Text.Encodings.Web;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NotificationAspire.Standins.IdentityStandIn.Browser;

/// <summary>
/// The stand-in's few HTML pages: the login form, the sign-out confirmation and the signed-out notice. Plain
/// forms without script; every value written into them is HTML-encoded, and the pages may not be framed.
/// </summary>
public static class Pages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>
    /// The form posts the authorization request back to the authorization endpoint, every parameter as a hidden
    /// field, with the username and password added (the names of Keycloak's form).
    /// </summary>
    public static IResult Login(OpenIddictRequest request, string action, string realmName, string? error = null, string? username = null)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in to ").Append(Html.Encode(realmName)).Append("</h1>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>");
        }
        // To the endpoint without the query: every parameter travels in the form (as OpenIddict reads a POST).
        body.Append("<form method=\"post\" id=\"kc-form-login\" action=\"").Append(Html.Encode(action)).Append("\">");
        AppendHidden(body, request, except: [Parameters.Username, Parameters.Password]);
        body.Append("<label for=\"username\">Username or email</label>")
            .Append("<input id=\"username\" name=\"username\" autocomplete=\"username\" autofocus required value=\"")
            .Append(Html.Encode(username ?? request.LoginHint ?? string.Empty)).Append("\">")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button type=\"submit\" id=\"kc-login\">Sign In</button></form>");
        return Page($"Sign in to {realmName}", body.ToString());
    }

    /// <summary>Keycloak asks before ending a session when the request does not show which one (no id_token_hint).</summary>
    public static IResult ConfirmLogout(OpenIddictRequest request, string action, string realmName)
    {
        var body = new StringBuilder();
        body.Append("<h1>Logging out</h1><p>Do you want to log out of ").Append(Html.Encode(realmName)).Append("?</p>")
            .Append("<form method=\"post\" action=\"").Append(Html.Encode(action)).Append("\">");
        AppendHidden(body, request, except: [EndSessionConfirmation]);
        body.Append("<input type=\"hidden\" name=\"").Append(EndSessionConfirmation).Append("\" value=\"yes\">")
            .Append("<button type=\"submit\" id=\"kc-logout\">Logout</button></form>");
        return Page("Logging out", body.ToString());
    }

    public static IResult LoggedOut(string realmName) =>
        Page("Logged out", $"<h1>You are logged out</h1><p>Your session with {Html.Encode(realmName)} has ended.</p>");

    /// <summary>The field the confirmation form adds to the end-session request.</summary>
    public const string EndSessionConfirmation = "confirm";

    private static void AppendHidden(StringBuilder body, OpenIddictRequest request, IReadOnlyCollection<string> except)
    {
        foreach (var (name, parameter) in request.GetParameters())
        {
            if (except.Contains(name))
            {
                continue;
            }
            var values = (Microsoft.Extensions.Primitives.StringValues)parameter;
            foreach (var value in values.OfType<string>())
            {
                body.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name))
                    .Append("\" value=\"").Append(Html.Encode(value)).Append("\">");
            }
        }
    }

    private static IResult Page(string title, string body) => new HtmlPage(
        $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Html.Encode(title)}}</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 24rem; margin: 4rem auto; padding: 0 1rem; }
          label, input, button { display: block; width: 100%; box-sizing: border-box; }
          input { margin: .25rem 0 1rem; padding: .5rem; } button { padding: .6rem; }
          .error { color: #a00; } .note { color: #666; font-size: .85rem; margin-top: 2rem; }
        </style></head>
        <body>{{body}}<p class="note">Identity stand-in for local development (not Keycloak).</p></body></html>
        """);

    private sealed class HtmlPage(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.XFrameOptions = "DENY";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return http.Response.WriteAsync(html);
        }
    }
}
