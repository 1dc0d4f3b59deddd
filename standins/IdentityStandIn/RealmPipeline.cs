using Microsoft.AspNetCore;
using NotificationAspire.Standins.IdentityStandIn.Realm;
using OpenIddict.Server;

namespace NotificationAspire.Standins.IdentityStandIn;

/// <summary>
/// Puts OpenIddict under /realms/{realm}, Keycloak's layout, and keeps everything else off that path.
/// </summary>
public static class RealmPipeline
{
    public static readonly string[] ProbePaths = ["/health", "/alive"];

    public static WebApplication UseRealmPaths(this WebApplication app, RealmDirectory realm)
    {
        var realmBase = new PathString($"/realms/{realm.Name}");

        // Without this, OpenIddict (whose base is the request's path base) would also answer
        // /.well-known/openid-configuration at the root, with a root issuer no client expects.
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(realmBase) || ProbePaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        // Must precede UseAuthentication: OpenIddict builds issuer and endpoint URIs from the path base,
        // and an authentication middleware that runs first sees no base and matches nothing (404).
        app.UsePathBase(realmBase);
        app.UseAuthentication();

        // OpenIddict has answered its endpoints by now, except the two it passes through after validating the
        // request (login page and sign-out, see Browser/); nothing else lives under the realm path, so the probes
        // stay at the root only.
        app.Use((context, next) =>
        {
            if (!context.Request.PathBase.HasValue
                || context.GetOpenIddictServerEndpointType() is OpenIddictServerEndpointType.Authorization or OpenIddictServerEndpointType.EndSession)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        app.UseRouting();
        return app;
    }
}
