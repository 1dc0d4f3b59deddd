using NotificationAspire.Contracts;
using Preferences.Api.Unsubscribe;

namespace Preferences.Api.Apis;

/// <summary>One-click unsubscribe links (RFC 8058): no login, the signed token is the authorization.</summary>
public static class UnsubscribeApi
{
    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/unsubscribe").WithTags("Unsubscribe");
        api.MapGet("/{token}", UnsubscribeEndpoints.Show).RequireAuthorization(PlatformPolicies.SignedLink)
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        api.MapPost("/{token}", UnsubscribeEndpoints.ConfirmAsync).RequireAuthorization(PlatformPolicies.SignedLink)
            .Accepts<OneClickForm>("application/x-www-form-urlencoded", "multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/{token}/undo", UnsubscribeEndpoints.UndoAsync).RequireAuthorization(PlatformPolicies.SignedLink)
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }
}
