using System.Net.Http.Headers;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Bff;

/// <summary>
/// On every proxied route: the browser's <c>Cookie</c> header never leaves the gateway (the session cookie is the
/// gateway's own business, and no API reads cookies), and an API call made with a session goes on with the
/// session's access token as <c>Authorization: Bearer</c>, so the APIs see a token exactly as from any caller.
/// </summary>
public sealed class SessionTokenTransforms : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        transform.ProxyRequest.Headers.Remove(HeaderNames.Cookie);
        if (transform.HttpContext.Items[SessionTokens.AccessTokenItem] is string accessToken)
        {
            transform.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return ValueTask.CompletedTask;
    });
}
