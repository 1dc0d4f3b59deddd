using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Sending;
using NotificationAspire.Contracts;
using NotificationAspire.Outbox;

namespace Notifications.Api.Cancellation;

/// <summary>
/// `POST /api/notifications/{id}/cancel`: stop one notification (a scheduled send not wanted any more). Its
/// sender, or an operator, may; anyone else gets 404, as for reading it. 202 when a cancellation went out, 409
/// when the notification is final already (with who received it).
/// </summary>
public static class CancelById
{
    public static async Task<Results<Accepted<CancelByCorrelation.NotificationReport>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, IOutbox outbox, TimeProvider time, CancellationToken ct)
    {
        var senderId = user.SenderId();
        var isAdmin = user.IsInRole(PlatformRoles.Admin);
        var notification = await db.Notifications.Include(n => n.Attempts)
            .FirstOrDefaultAsync(n => n.Id == id && (isAdmin || n.SenderId == senderId), ct);
        if (notification is null)
        {
            return TypedResults.NotFound();
        }
        if (!CancellationRequest.TryRequest(notification, senderId, time.GetUtcNow(), outbox))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing left to cancel",
                detail: notification.CancelledAt is not null
                    ? $"Notification {id} was cancelled already, at {notification.CancelledAt:O}."
                    : $"Notification {id} is {notification.Status} already; delivered to {CancellationRequest.DeliveredTo(notification).Count} recipient(s).");
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/notifications/{id}",
            new CancelByCorrelation.NotificationReport(id, notification.Status.ToString(), true, CancellationRequest.DeliveredTo(notification)));
    }
}
