using NotificationAspire.Standins.IdentityStandIn.Browser;
using NotificationAspire.Standins.IdentityStandIn.Realm;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NotificationAspire.Standins.IdentityStandIn.Tokens;

/// <summary>
/// Client and user authentication for the token endpoint. Degraded mode has no application store,
/// so OpenIddict leaves this to us; the checks and messages follow what Keycloak enforces.
/// </summary>
public sealed class TokenRequestValidator(RealmDirectory realm, BrowserSessions sessions, TimeProvider time, ILogger<TokenRequestValidator> logger)
    : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    // After OpenIddict's own parameter checks, so malformed requests still get its precise errors.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<TokenRequestValidator>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var request = context.Request;
        var client = realm.FindClient(request.ClientId);
        if (client is null || !RealmDirectory.SecretMatches(client, request.ClientSecret))
        {
            logger.LogInformation("Rejected client '{ClientId}': unknown, disabled or wrong secret.", request.ClientId);
            context.Reject(Errors.InvalidClient, "Invalid client or Invalid client credentials");
            return default;
        }

        if (request.IsClientCredentialsGrantType())
        {
            if (client.PublicClient || !client.ServiceAccountsEnabled)
            {
                context.Reject(Errors.UnauthorizedClient, "Client not enabled to retrieve service account");
            }

            return default;
        }

        if (request.IsPasswordGrantType())
        {
            if (!client.DirectAccessGrantsEnabled)
            {
                context.Reject(Errors.UnauthorizedClient, "Client not allowed for direct access grants");
                return default;
            }

            var user = realm.FindUser(request.Username);
            if (user is null || !RealmDirectory.PasswordMatches(user, request.Password))
            {
                logger.LogInformation("Rejected password grant for '{Username}' via '{ClientId}'.", request.Username, client.ClientId);
                context.Reject(Errors.InvalidGrant, "Invalid user credentials");
            }
            else if (!user.Enabled)
            {
                context.Reject(Errors.InvalidGrant, "Account disabled");
            }

            return default;
        }

        // OpenIddict has checked the code (its client, redirect_uri and PKCE verifier) or the refresh token by now;
        // what it cannot know without a store: whether the code was used before, and whether the session lives.
        if (request.IsAuthorizationCodeGrantType())
        {
            var code = context.AuthorizationCodePrincipal;
            if (!client.StandardFlowEnabled || code is null
                || !sessions.TryRedeemCode(request.Code!, code.GetExpirationDate() ?? time.GetUtcNow().AddMinutes(5)))
            {
                context.Reject(Errors.InvalidGrant, "Code not valid");
                return default;
            }
            RejectUnlessSessionLives(context, code);
            return default;
        }

        if (request.IsRefreshTokenGrantType())
        {
            if (context.RefreshTokenPrincipal is { } refresh)
            {
                RejectUnlessSessionLives(context, refresh);
            }
            return default;
        }

        // Only the flows above are enabled in OpenIddict, so this is a safety net, not a path.
        context.Reject(Errors.UnsupportedGrantType, "Unsupported grant_type");
        return default;
    }

    /// <summary>A token of an ended session (signed out, idle, past its maximum) or of a user no longer allowed in is refused.</summary>
    private void RejectUnlessSessionLives(ValidateTokenRequestContext context, System.Security.Claims.ClaimsPrincipal granted)
    {
        var user = realm.FindUser(granted.GetClaim(Claims.PreferredUsername));
        if (user is null || !user.Enabled)
        {
            context.Reject(Errors.InvalidGrant, "User disabled or not found");
            return;
        }
        var sessionId = granted.GetClaim(TokenIssuer.SessionIdClaim);
        if (sessionId is not null && sessions.Use(sessionId) is null)
        {
            logger.LogInformation("Refused a {GrantType} grant of ended session {SessionId}.", context.Request.GrantType, sessionId);
            context.Reject(Errors.InvalidGrant, "Session not active");
        }
    }
}
