using NotificationAspire.Standins.IdentityStandIn.Realm;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NotificationAspire.Standins.IdentityStandIn.Browser;

/// <summary>
/// Keycloak's rules for the end-session endpoint's redirect, which degraded mode leaves to us: a
/// post_logout_redirect_uri needs the client it belongs to (from id_token_hint or client_id, which must agree)
/// and must be one of that client's post-logout redirect URIs.
/// </summary>
public sealed class EndSessionRequestValidator(RealmDirectory realm, ILogger<EndSessionRequestValidator> logger)
    : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
            .UseSingletonHandler<EndSessionRequestValidator>()
            .SetOrder(OpenIddictServerHandlers.Session.ValidateAuthentication.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        var hintedClient = context.IdentityTokenHintPrincipal?.GetClaim(Claims.AuthorizedParty)
                           ?? context.IdentityTokenHintPrincipal?.GetAudiences().FirstOrDefault();
        var requestedClient = context.Request.ClientId;
        if (hintedClient is not null && requestedClient is not null && !string.Equals(hintedClient, requestedClient, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidRequest, "Parameter client_id different than the client for which ID Token was issued");
            return default;
        }
        if (string.IsNullOrEmpty(context.PostLogoutRedirectUri))
        {
            return default;
        }
        var client = realm.FindClient(hintedClient ?? requestedClient);
        if (client is null)
        {
            context.Reject(Errors.InvalidRequest,
                "Either the parameter client_id or the parameter id_token_hint is required when post_logout_redirect_uri is used.");
        }
        else if (!RedirectUriRules.IsValidPostLogoutRedirectUri(client, context.PostLogoutRedirectUri))
        {
            logger.LogInformation("Refused post_logout_redirect_uri '{Uri}' of client '{ClientId}'.", context.PostLogoutRedirectUri, client.ClientId);
            context.Reject(Errors.InvalidRequest, "Invalid redirect uri");
        }
        return default;
    }
}
