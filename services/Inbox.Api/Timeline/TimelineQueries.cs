using Inbox.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Inbox.Api.Timeline;

/// <summary>
/// Timelines of notifications, any number at once in three SQL statements (notifications, their status steps, their
/// read marks), so a page of items with their timelines costs the same as one.
/// </summary>
public sealed class TimelineQueries(InboxDbContext db)
{
    public async Task<NotificationTimeline?> ForAsync(Guid notificationId, CancellationToken ct) =>
        (await ForManyAsync([notificationId], ct)).GetValueOrDefault(notificationId);

    public async Task<IReadOnlyDictionary<Guid, NotificationTimeline>> ForManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        var notifications = await db.Notifications.AsNoTracking().Where(n => wanted.Contains(n.Id)).ToListAsync(ct);
        if (notifications.Count == 0)
        {
            return new Dictionary<Guid, NotificationTimeline>();
        }
        var known = notifications.Select(n => n.Id).ToArray();
        var deliveries = await db.Timeline.AsNoTracking().Where(t => known.Contains(t.NotificationId)).ToListAsync(ct);
        var reads = await db.Marks.AsNoTracking().Where(m => known.Contains(m.NotificationId) && m.ReadAt != null)
            .Select(m => new { m.NotificationId, m.UserId, ReadAt = m.ReadAt!.Value }).ToListAsync(ct);

        return notifications.ToDictionary(n => n.Id, n =>
        {
            var steps = new List<TimelineStep> { new(n.AcceptedAt, TimelineSteps.Accepted, null, null, null, null) };
            steps.AddRange(deliveries.Where(d => d.NotificationId == n.Id)
                .Select(d => new TimelineStep(d.OccurredAt, d.State, d.RecipientUserId, d.Channel, d.Attempt, d.Error)));
            steps.AddRange(reads.Where(r => r.NotificationId == n.Id)
                .Select(r => new TimelineStep(r.ReadAt, TimelineSteps.Read, r.UserId, NotificationAspire.Contracts.Events.Channels.InApp, null, null)));
            return new NotificationTimeline(n.Id, n.SenderId, n.Category, n.AcceptedAt,
                [.. steps.OrderBy(s => s.At).ThenBy(s => s.Attempt ?? 0)]);
        });
    }
}
