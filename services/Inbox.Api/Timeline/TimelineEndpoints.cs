using System.Security.Claims;
using Inbox.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Inbox.Api.Timeline;

/// <summary>A notification's timeline for its sender or an operator.</summary>
public static class TimelineEndpoints
{
    /// <summary>Anyone else gets 404, not 403: whether an id exists is itself something only its sender should learn.</summary>
    public static async Task<Results<Ok<NotificationTimeline>, NotFound>> GetAsync(Guid notificationId, ClaimsPrincipal user, TimelineQueries timelines,
        CancellationToken ct) =>
        await timelines.ForAsync(notificationId, ct) is { } timeline && Sender.MayRead(user, timeline.SenderId)
            ? TypedResults.Ok(timeline)
            : TypedResults.NotFound();
}
