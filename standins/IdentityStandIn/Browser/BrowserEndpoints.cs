using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using NotificationAspire.Standins.IdentityStandIn.Realm;
using NotificationAspire.Standins.IdentityStandIn.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace NotificationAspire.Standins.IdentityStandIn.Browser;

/// <summary>
/// What a browser sees of the stand-in: the authorization endpoint (a login form for the realm's users, or single
/// sign-on with the session cookie) and the end-session endpoint. OpenIddict has validated each request before
/// it gets here (passthrough); these decide who is signed in and answer with OpenIddict's sign-in or sign-out,
/// which redirect to the client with a code or back to its post-logout address.
/// </summary>
public static class BrowserEndpoints
{
    /// <summary>Relative to the realm's path base, like every OpenIddict endpoint here (Keycloak's layout).</summary>
    public const string AuthorizationPath = "/protocol/openid-connect/auth";

    public const string EndSessionPath = "/protocol/openid-connect/logout";

    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static WebApplication MapBrowserEndpoints(this WebApplication app)
    {
        app.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], Authorize);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync);
        return app;
    }

    private static IResult Authorize(HttpContext http, RealmDirectory realm, BrowserSessions sessions, ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an authorization request.");
        var client = realm.FindClient(request.ClientId) ?? throw new InvalidOperationException("The validator let an unknown client through.");

        // The login form posted back: the credentials are checked like the password grant checks them.
        if (HttpMethods.IsPost(http.Request.Method) && request.Username is { } username)
        {
            var user = realm.FindUserByLogin(username);
            if (user is null || !RealmDirectory.PasswordMatches(user, request.Password))
            {
                loggers.CreateLogger(typeof(BrowserEndpoints)).LogInformation("Failed login for '{Username}' via '{ClientId}'.", username, client.ClientId);
                return Pages.Login(request, Action(http), realm.DisplayName, "Invalid username or password.", username);
            }
            if (!user.Enabled)
            {
                return Pages.Login(request, Action(http), realm.DisplayName, "Account is disabled, contact your administrator.", username);
            }
            var session = sessions.Start(user);
            SessionCookie.Write(http, session);
            return SignIn(realm, client, user, session, request);
        }

        // Single sign-on: a live session cookie signs the browser in without the form, unless the client insists.
        if (!request.HasPromptValue(PromptValues.Login)
            && sessions.Use(SessionCookie.Read(http)) is { } existing
            && realm.FindUser(existing.Username) is { Enabled: true } signedIn)
        {
            return SignIn(realm, client, signedIn, existing, request);
        }

        if (request.HasPromptValue(PromptValues.None))
        {
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "No session, and prompt=none forbids the login page.",
            }), [Scheme]);
        }

        return Pages.Login(request, Action(http), realm.DisplayName);
    }

    private static string Action(HttpContext http) => $"{http.Request.PathBase}{http.Request.Path}";

    /// <summary>The code carries who signed in, in which session, with which scopes; the token endpoint builds the tokens from it.</summary>
    private static IResult SignIn(RealmDirectory realm, RealmClient client, RealmUser user, BrowserSession session, OpenIddictRequest request)
    {
        var identity = TokenIssuer.CreateIdentity(realm, client, user, serviceAccount: false, session.Id);
        identity.SetScopes(request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, Scheme);
    }

    /// <summary>
    /// Ends the session the id_token_hint names and the browser's own, so the session cookie and every refresh
    /// token of the session stop working. Without id_token_hint, Keycloak asks first; so does this.
    /// </summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http, RealmDirectory realm, BrowserSessions sessions)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an end-session request.");
        // OpenIddict has validated the hint (signature, issuer; an expired one is fine, as in Keycloak).
        var hint = string.IsNullOrEmpty(request.IdTokenHint) ? null : (await http.AuthenticateAsync(Scheme)).Principal;
        var confirmed = HttpMethods.IsPost(http.Request.Method)
                        && string.Equals((string?)request[Pages.EndSessionConfirmation], "yes", StringComparison.Ordinal);
        if (hint is null && !confirmed)
        {
            return Pages.ConfirmLogout(request, Action(http), realm.DisplayName);
        }

        sessions.End(hint?.GetClaim(TokenIssuer.SessionIdClaim));
        sessions.End(SessionCookie.Read(http));
        SessionCookie.Delete(http);

        return string.IsNullOrEmpty(request.PostLogoutRedirectUri)
            ? Pages.LoggedOut(realm.DisplayName)
            : Results.SignOut(authenticationSchemes: [Scheme]);
    }
}
