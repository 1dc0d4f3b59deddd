using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using NotificationAspire.Standins.IdentityStandIn.Realm;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NotificationAspire.Standins.IdentityStandIn.Tokens;

/// <summary>
/// Builds the principal for a validated token request with the claims a Keycloak access token carries,
/// so APIs cannot tell the stand-in from the real Keycloak.
/// </summary>
public sealed class TokenIssuer(RealmDirectory realm) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public const string RealmAccessClaim = "realm_access";

    // Keycloak's default client scopes that show in the "scope" claim; roles, acr, basic and
    // web-origins apply too but are not listed there (include.in.token.scope is false for them).
    private static readonly string[] DefaultTokenScopes = [Scopes.Profile, Scopes.Email];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseSingletonHandler<TokenIssuer>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        // The validator already vetted client and user; a miss here would be a bug, not bad input.
        var client = realm.FindClient(context.Request.ClientId)
            ?? throw new InvalidOperationException("Token request reached the issuer with an unknown client.");

        // A code or refresh token names the user and the browser session it was issued to; Keycloak builds the new
        // tokens from the user as the realm has them now (roles included), not as they were at sign-in.
        var granted = context.AuthorizationCodePrincipal ?? context.RefreshTokenPrincipal;
        var serviceAccount = context.Request.IsClientCredentialsGrantType();
        var username = granted?.GetClaim(Claims.PreferredUsername) ?? context.Request.Username;
        var user = serviceAccount
            ? realm.ServiceAccountOf(client)
            : realm.FindUser(username)
              ?? throw new InvalidOperationException("Token request reached the issuer with an unknown user.");

        var identity = CreateIdentity(realm, client, user, serviceAccount, granted?.GetClaim(SessionIdClaim));
        var scopes = granted?.GetScopes() ?? context.Request.GetScopes();
        identity.SetScopes(DefaultTokenScopes.Union(scopes, StringComparer.Ordinal).OrderBy(ScopeOrder));

        var principal = new ClaimsPrincipal(identity);
        principal.SetAccessTokenLifetime(realm.AccessTokenLifetimeFor(client));
        if (granted is not null)
        {
            // Like Keycloak's refresh token, it lasts as long as the session may stay idle; the session decides the rest.
            principal.SetRefreshTokenLifetime(realm.SessionIdleTimeout);
        }
        context.SignIn(principal);
        return default;
    }

    /// <summary>Keycloak's claim naming the user session a token belongs to.</summary>
    public const string SessionIdClaim = "sid";

    /// <summary>The claims of a user's (or service account's) token, as Keycloak's default client scopes give them.</summary>
    public static ClaimsIdentity CreateIdentity(RealmDirectory realm, RealmClient client, RealmUser user, bool serviceAccount, string? sessionId)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.PreferredUsername, Claims.Role);
        identity.SetClaim(Claims.Subject, realm.UserId(user));
        identity.SetClaim(Claims.AuthorizedParty, client.ClientId);
        identity.SetClaim(Claims.PreferredUsername, user.Username.ToLowerInvariant());
        identity.SetClaim(SessionIdClaim, sessionId);

        if (user.RealmRoles.Count > 0)
        {
            // An object, not a string: APIs read realm_access.roles exactly as they do from Keycloak.
            identity.SetClaim(RealmAccessClaim, JsonSerializer.SerializeToElement(new { roles = user.RealmRoles }));
        }

        if (serviceAccount)
        {
            // Keycloak's service_account scope adds client_id; OpenIddict also sets it, this keeps it explicit.
            identity.SetClaim(Claims.ClientId, client.ClientId);
        }
        else
        {
            AddProfileClaims(identity, user);
        }

        identity.SetResources(RealmDirectory.AccessTokenAudiences(client));
        identity.SetDestinations(ClaimDestinations.Of);
        return identity;
    }

    private static void AddProfileClaims(ClaimsIdentity identity, RealmUser user)
    {
        identity.SetClaim(Claims.Email, user.Email);
        identity.SetClaim(Claims.EmailVerified, user.EmailVerified);
        identity.SetClaim(Claims.GivenName, user.FirstName);
        identity.SetClaim(Claims.FamilyName, user.LastName);

        var name = string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrEmpty(n)));
        identity.SetClaim(Claims.Name, name.Length > 0 ? name : null);
    }

    // "openid profile email" like Keycloak; anything else keeps its requested order after them.
    private static int ScopeOrder(string scope) => scope switch
    {
        Scopes.OpenId => 0,
        Scopes.Profile => 1,
        Scopes.Email => 2,
        _ => 3,
    };

    private static class ClaimDestinations
    {
        private static readonly string[] AccessOnly = [Destinations.AccessToken];
        private static readonly string[] AccessAndIdentity =
            [Destinations.AccessToken, Destinations.IdentityToken];

        // Every claim goes in the access token; the profile ones, azp and sid also in the id_token when openid is asked for.
        public static IEnumerable<string> Of(Claim claim) => claim.Type switch
        {
            Claims.Subject or Claims.PreferredUsername or Claims.Email or Claims.EmailVerified or
            Claims.GivenName or Claims.FamilyName or Claims.Name or Claims.AuthorizedParty or SessionIdClaim => AccessAndIdentity,
            _ => AccessOnly,
        };
    }
}
