using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Bff;

/// <summary>
/// The browser's endpoints: sign in (a redirect to the identity provider, then back to a local path), who am I,
/// and sign out (here and at the identity provider). The gateway's home page is in <see cref="HomePage"/>.
/// </summary>
public static class BffEndpoints
{
    public static IEndpointRouteBuilder MapBffEndpoints(this IEndpointRouteBuilder app)
    {
        var bff = app.MapGroup("/bff").WithTags("Browser sign-in").ExcludeFromDescription();
        bff.MapGet("/login", LoginAsync).RequireAuthorization(BffPolicies.SignIn);
        bff.MapGet("/user", UserAsync).RequireAuthorization(BffPolicies.Session);
        bff.MapPost("/logout", LogoutAsync).RequireAuthorization(BffPolicies.Session);
        return app;
    }

    /// <summary>Starts the code flow with PKCE; back at the callback the session is created and the browser returns to <paramref name="returnUrl"/>.</summary>
    private static async Task<Results<ChallengeHttpResult, RedirectHttpResult, ProblemHttpResult>> LoginAsync(HttpContext http, string? returnUrl)
    {
        if (ReturnUrls.Validate(returnUrl) is not { } target)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a local return URL",
                detail: "returnUrl must be a path on this gateway, starting with a single '/'.");
        }
        if ((await http.AuthenticateAsync(BffDefaults.CookieScheme)).Succeeded)
        {
            return TypedResults.LocalRedirect(target); // already signed in
        }
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = target }, [BffDefaults.OpenIdConnectScheme]);
    }

    private static async Task<Ok<BrowserUser>> UserAsync(HttpContext http, ClaimsPrincipal user, LogoutToken tokens)
    {
        var session = await http.AuthenticateAsync(BffDefaults.CookieScheme);
        return TypedResults.Ok(new BrowserUser(
            Subject: user.FindFirstValue("sub"),
            Name: user.FindFirstValue("name"),
            PreferredUsername: user.FindFirstValue("preferred_username"),
            Email: user.FindFirstValue("email"),
            Roles: [.. user.FindAll(AuthenticationExtensions.RoleClaim).Select(c => c.Value).Order(StringComparer.Ordinal)],
            AccessTokenExpiresAt: session.Properties is { } properties ? SessionTokens.ExpiresAt(properties) : null,
            LogoutToken: tokens.For(user)));
    }

    /// <summary>
    /// Deletes the session (its ticket, so a kept copy of the cookie is dead too) and sends the browser to the
    /// identity provider's end-session endpoint, which ends the single sign-on session and returns to the home page.
    /// Needs proof that the gateway's own page asked: the <c>X-CSRF: 1</c> header (scripts) or the home page's form token.
    /// </summary>
    private static async Task<Results<SignOutHttpResult, ProblemHttpResult>> LogoutAsync(HttpContext http, ClaimsPrincipal user, LogoutToken tokens)
    {
        var proven = CsrfRule.IsSatisfiedBy(http.Request.Headers)
                     || http.Request.HasFormContentType && tokens.IsValid((await http.Request.ReadFormAsync(http.RequestAborted))[LogoutToken.FormField], user);
        if (!proven)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign-out not confirmed",
                detail: $"Sign out with the {BffDefaults.CsrfHeader}: {BffDefaults.CsrfHeaderValue} header or the gateway home page's form.");
        }
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = BffDefaults.HomePath },
            [BffDefaults.CookieScheme, BffDefaults.OpenIdConnectScheme]);
    }
}

/// <summary>
/// Who is signed in: <c>/bff/user</c>. Roles are the realm roles of the session's access token. <see cref="LogoutToken"/>
/// is the sign-out form's token, so the console's own pages sign out with a plain form (a top-level navigation that can
/// follow the identity provider's end-session redirect, which a script's fetch cannot); no other origin can read it.
/// </summary>
public sealed record BrowserUser(string? Subject, string? Name, string? PreferredUsername, string? Email, IReadOnlyList<string> Roles,
    DateTimeOffset? AccessTokenExpiresAt, string? LogoutToken);
