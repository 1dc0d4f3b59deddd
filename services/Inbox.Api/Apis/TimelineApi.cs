using Inbox.Api.Timeline;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>Delivery timelines: senders see their own notifications', operators any.</summary>
public static class TimelineApi
{
    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/timelines").WithTags("Timelines")
            .MapGet("/{notificationId:guid}", TimelineEndpoints.GetAsync).RequireAuthorization(PlatformPolicies.TimelineReader);
        return app;
    }
}
