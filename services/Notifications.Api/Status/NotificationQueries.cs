using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Contracts;

namespace Notifications.Api.Status;

/// <summary>What a sender (or an operator) reads about notifications: their list and one with its attempts.</summary>
public static class NotificationQueries
{
    /// <summary>The caller's own notifications, newest first.</summary>
    public static async Task<Ok<List<NotificationSummary>>> ListMineAsync(
        ClaimsPrincipal user, NotificationsDbContext db, int? take, CancellationToken ct)
    {
        var senderId = user.SenderId();
        var page = Math.Clamp(take ?? 50, 1, 200);
        var items = await db.Notifications.AsNoTracking()
            .Where(n => n.SenderId == senderId)
            .OrderByDescending(n => n.CreatedAt)
            .Take(page)
            .Select(n => new NotificationSummary(n.Id, n.Category, n.Channel, n.Status.ToString(), n.CorrelationKey, n.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(items);
    }

    /// <summary>
    /// One notification with its attempts, for its sender, an admin or support. Anyone else gets 404, not 403:
    /// whether an id exists is itself something only its sender should learn.
    /// </summary>
    public static async Task<Results<Ok<NotificationView>, NotFound>> GetByIdAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var notification = await db.Notifications.AsNoTracking().AsSplitQuery()
            .Include(n => n.Recipients)
            .Include(n => n.Attempts)
            .FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null || (notification.SenderId != user.SenderId() && !ReadsAny(user)))
        {
            return TypedResults.NotFound();
        }
        var fanOut = await db.TopicFanOuts.AsNoTracking().FirstOrDefaultAsync(f => f.NotificationId == id, ct);
        return TypedResults.Ok(NotificationView.From(notification) with
        {
            FanOut = fanOut is null ? null : new FanOutView(fanOut.Topics, fanOut.FannedOut, fanOut.IsComplete),
        });
    }

    private static bool ReadsAny(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Admin) || user.IsInRole(PlatformRoles.Support);
}
