using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Api.Sending;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Outbox;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Cancellation;

/// <summary>
/// `POST /api/notifications/cancellations`: the compensation for a business action that was undone (an
/// order cancelled). Everything with the correlation key that is not delivered yet is stopped; what was
/// already sent is reported, since it cannot be unsent.
/// </summary>
public static class CancelByCorrelation
{
    public sealed record Request(string? CorrelationKey);

    public sealed record Report(string CorrelationKey, IReadOnlyList<NotificationReport> Notifications);

    /// <summary>Per notification: whether a cancellation went out now, and who already got it.</summary>
    public sealed record NotificationReport(Guid Id, string Status, bool CancellationRequested, IReadOnlyList<string> AlreadyDeliveredTo);

    public static async Task<Results<Accepted<Report>, Ok<Report>, ValidationProblem, ProblemHttpResult>> HandleAsync(HttpRequest http, ClaimsPrincipal user, NotificationsDbContext db,
        IOutbox outbox, TimeProvider time, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<Request>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.CorrelationKey) || request.CorrelationKey.Length > SendNotificationValidator.MaxKeyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["correlationKey"] = [$"A correlation key of 1 to {SendNotificationValidator.MaxKeyLength} characters is required."],
            });
        }

        var senderId = user.SenderId();
        var isAdmin = user.IsInRole(PlatformRoles.Admin);
        var notifications = await db.Notifications.Include(n => n.Attempts)
            .Where(n => n.CorrelationKey == request.CorrelationKey && (isAdmin || n.SenderId == senderId))
            .ToListAsync(ct);
        if (notifications.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nothing to cancel",
                detail: $"You have no notifications with correlation key '{request.CorrelationKey}'.");
        }

        var now = time.GetUtcNow();
        var reports = new List<NotificationReport>();
        foreach (var notification in notifications)
        {
            var requested = CancellationRequest.TryRequest(notification, senderId, now, outbox);
            reports.Add(new NotificationReport(notification.Id, notification.Status.ToString(), requested, CancellationRequest.DeliveredTo(notification)));
        }
        await db.SaveChangesAsync(ct);

        var report = new Report(request.CorrelationKey, reports);
        return reports.Any(r => r.CancellationRequested) ? TypedResults.Accepted((string?)null, report) : TypedResults.Ok(report);
    }
}
