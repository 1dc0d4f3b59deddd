using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications");
        api.MapPost("/", SendNotification.HandleAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<SendNotificationRequest>("application/json")
            .Produces<NotificationAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        // 400: a query value that does not bind (take=abc); the status code pages answer it as a problem.
        api.MapGet("/", ListMine).RequireAuthorization(PlatformPolicies.Sender)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/{id:guid}", GetById).RequireAuthorization(PlatformPolicies.Authenticated);
        api.MapPost("/cancellations", Cancellation.CancelByCorrelation.HandleAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<Cancellation.CancelByCorrelation.Request>("application/json")
            .Produces<Cancellation.CancelByCorrelation.Report>(StatusCodes.Status200OK) // nothing left to cancel
            .Produces<Cancellation.CancelByCorrelation.Report>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
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

    /// <summary>
    /// One notification with its attempts, for its sender or an admin. Anyone else gets 404, not 403:
    /// whether an id exists is itself something only its sender should learn.
    /// </summary>
    public static async Task<Results<Ok<NotificationView>, NotFound>> GetById(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var notification = await db.Notifications.AsNoTracking().AsSplitQuery()
            .Include(n => n.Recipients)
            .Include(n => n.Attempts)
            .FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null || (notification.SenderId != user.SenderId() && !user.IsInRole(PlatformRoles.Admin)))
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(NotificationView.From(notification));
    }
}
