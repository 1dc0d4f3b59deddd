using Inbox.Api.Center;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>The composite notification center: inbox, unread counts and preferences for the token's person in one call.</summary>
public static class NotificationCenterApi
{
    public static IEndpointRouteBuilder MapNotificationCenterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notification-center", NotificationCenterEndpoints.GetAsync).WithTags("Notification center")
            .RequireAuthorization(PlatformPolicies.Authenticated).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}
