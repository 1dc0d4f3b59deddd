using NotificationAspire.Standins.IdentityStandIn.Realm;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NotificationAspire.Standins.IdentityStandIn.Browser;

/// <summary>
/// Degraded mode leaves the client checks of the authorization endpoint to us: a known, enabled client with the
/// standard flow on, and a redirect_uri among its redirect URIs (Keycloak's matching). A request failing them is
/// answered here, never redirected, so nobody can use the endpoint to send a browser somewhere unregistered.
/// PKCE with S256 is required of every client by the server options.
/// </summary>
public sealed class AuthorizationRequestValidator(RealmDirectory realm, ILogger<AuthorizationRequestValidator> logger)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseSingletonHandler<AuthorizationRequestValidator>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateAuthentication.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var client = realm.FindClient(context.ClientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "Client not found.");
        }
        else if (!client.StandardFlowEnabled)
        {
            context.Reject(Errors.UnauthorizedClient, "Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.");
        }
        else if (!RedirectUriRules.IsValidRedirectUri(client, context.RedirectUri))
        {
            logger.LogInformation("Refused redirect_uri '{RedirectUri}' of client '{ClientId}'.", context.RedirectUri, client.ClientId);
            context.Reject(Errors.InvalidRequest, "Invalid parameter: redirect_uri");
        }
        return default;
    }
}
