using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NotificationAspire.Standins.IdentityStandIn.Tokens;

/// <summary>
/// OpenIddict returns a refresh token only when offline_access was granted; Keycloak returns one with every
/// token of a browser session (bound to that session, so it dies with it) whether or not offline_access was
/// asked for. The stand-in does what Keycloak does for codes and refreshes.
/// </summary>
public sealed class RefreshTokenPolicy : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<RefreshTokenPolicy>()
            .SetOrder(OpenIddictServerHandlers.EvaluateGeneratedTokens.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType == OpenIddictServerEndpointType.Token
            && (context.Request.IsAuthorizationCodeGrantType() || context.Request.IsRefreshTokenGrantType()))
        {
            context.GenerateRefreshToken = context.IncludeRefreshToken = true;
        }
        return default;
    }
}
