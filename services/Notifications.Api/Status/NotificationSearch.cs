using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Http;

namespace Notifications.Api.Status;

/// <summary>
/// Operators (and support) look for any sender's notifications by what a person reporting a problem knows: the
/// correlation key (an order id), the recipient, the sender, a time window. Newest first; every filter is optional.
/// </summary>
public static class NotificationSearch
{
    public static async Task<Results<Ok<List<NotificationSearchHit>>, ValidationProblem>> SearchAsync(NotificationsDbContext db,
        string? correlationKey, string? recipient, string? sender, DateTimeOffset? since, DateTimeOffset? until, int? take, CancellationToken ct)
    {
        if (since is { } from && until is { } to && to < from)
        {
            return FieldErrors.Single("until", "until must not be before since.");
        }
        var query = db.Notifications.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(correlationKey))
        {
            query = query.Where(n => n.CorrelationKey == correlationKey);
        }
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            query = query.Where(n => n.Recipients.Any(r => r.UserId == recipient));
        }
        if (!string.IsNullOrWhiteSpace(sender))
        {
            query = query.Where(n => n.SenderId == sender);
        }
        if (since is { } start)
        {
            query = query.Where(n => n.CreatedAt >= start);
        }
        if (until is { } end)
        {
            query = query.Where(n => n.CreatedAt <= end);
        }
        var hits = await query.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take ?? 50, 1, 200))
            .Select(n => new NotificationSearchHit(n.Id, n.SenderId, n.Category, n.Channel, n.Status.ToString(), n.Subject, n.CorrelationKey,
                n.Recipients.Count, n.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(hits);
    }
}

/// <summary>One notification found by <see cref="NotificationSearch"/>: enough to pick it, then read it whole by id.</summary>
public sealed record NotificationSearchHit(Guid Id, string SenderId, string Category, string? Channel, string Status, string? Subject,
    string? CorrelationKey, int RecipientCount, DateTimeOffset CreatedAt);
