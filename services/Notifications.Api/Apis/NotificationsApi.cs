using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications");
        api.MapGet("/", ListMine).RequireAuthorization(PlatformPolicies.Sender);
        return app;
    }

    /// <summary>The caller's own notifications, newest first.</summary>
    public static async Task<Ok<List<NotificationSummary>>> ListMine(
        ClaimsPrincipal user, NotificationsDbContext db, int? take, CancellationToken ct)
    {
        var senderId = user.SenderId();
        var page = Math.Clamp(take ?? 50, 1, 200);
        var items = await db.Notifications.AsNoTracking()
            .Where(n => n.SenderId == senderId)
            .OrderByDescending(n => n.CreatedAt)
            .Take(page)
            .Select(n => new NotificationSummary(n.Id, n.Channel, n.Status.ToString(), n.CorrelationKey, n.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(items);
    }
}

public sealed record NotificationSummary(Guid Id, string Channel, string Status, string? CorrelationKey, DateTimeOffset CreatedAt);
