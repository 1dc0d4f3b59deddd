using Inbox.Api.Projection;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>Operators' control of the read side (also the dashboard's "Rebuild inbox projection" command).</summary>
public static class ProjectionApi
{
    public static IEndpointRouteBuilder MapProjectionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/inbox/projection/rebuild", RebuildEndpoints.RebuildAsync).WithTags("Projection")
            .RequireAuthorization(PlatformPolicies.Admin);
        return app;
    }
}
