using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NotificationAspire.Standins.IdentityStandIn.Tokens;

/// <summary>
/// OpenIddict stamps <c>client_id</c> (RFC 9068) on every access token; Keycloak puts it only on
/// service-account tokens. APIs may use its presence to tell a machine caller from a person, so the
/// stand-in removes it from user tokens to keep that signal identical to Keycloak's.
/// </summary>
public sealed class UserTokenShaper : IOpenIddictServerHandler<ProcessSignInContext>
{
    // Right after OpenIddict builds the access-token principal, before the token is serialized.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<UserTokenShaper>()
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && !context.Request.IsClientCredentialsGrantType())
        {
            principal.RemoveClaims(Claims.ClientId);
        }

        return default;
    }
}
