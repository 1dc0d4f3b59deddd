using Inbox.Api.Data;
using Inbox.Api.Model;
using Microsoft.EntityFrameworkCore;

namespace Inbox.Api.Inbox;

/// <summary>A person's inbox as they see it: projected items joined with their own marks. One SQL statement per question.</summary>
public sealed class InboxQueries(InboxDbContext db)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <param name="after">The sequence of the last item of the previous page; null for the newest.</param>
    public async Task<InboxPage> PageAsync(string userId, int first, long? after, InboxFilter filter, CancellationToken ct)
    {
        var query = Filtered(userId, filter);
        if (after is { } position)
        {
            query = query.Where(r => r.Item.Sequence < position);
        }
        var items = await query.OrderByDescending(r => r.Item.Sequence).Take(first + 1).Select(View).ToListAsync(ct);
        var hasNext = items.Count > first;
        var page = hasNext ? items[..first] : items;
        return new InboxPage(page, page.Count > 0 ? InboxCursor.Encode(page[^1].Sequence) : null, hasNext);
    }

    public async Task<UnreadCounts> UnreadCountsAsync(string userId, CancellationToken ct)
    {
        var counts = await Filtered(userId, new InboxFilter(Status: InboxStatus.Unread))
            .GroupBy(r => r.Item.Category)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Category, c => c.Count, StringComparer.Ordinal, ct);
        return new UnreadCounts(counts.Values.Sum(), counts);
    }

    /// <summary>Items projected after <paramref name="sequence"/>, oldest first: what a live stream has not sent yet.</summary>
    public Task<List<InboxItemView>> ProjectedAfterAsync(string userId, long sequence, int limit, CancellationToken ct) =>
        Filtered(userId, new InboxFilter(Status: InboxStatus.All))
            .Where(r => r.Item.Sequence > sequence).OrderBy(r => r.Item.Sequence).Take(limit).Select(View).ToListAsync(ct);

    /// <summary>The person's latest sequence (0 for an empty inbox): where a stream opened without Last-Event-ID starts.</summary>
    public async Task<long> LatestSequenceAsync(string userId, CancellationToken ct) =>
        await db.Items.Where(i => i.UserId == userId).MaxAsync(i => (long?)i.Sequence, ct) ?? 0;

    public Task<InboxItemView?> FindAsync(string userId, Guid id, CancellationToken ct) =>
        Filtered(userId, new InboxFilter(Status: InboxStatus.All)).Where(r => r.Item.NotificationId == id).Select(View).FirstOrDefaultAsync(ct);

    private static readonly System.Linq.Expressions.Expression<Func<ItemRow, InboxItemView>> View = r => new InboxItemView(r.Item.NotificationId,
        r.Item.Sequence, r.Item.Category, r.Item.Title, r.Item.Body, r.Item.Url, r.Item.DeliveredAt,
        r.Mark == null ? null : r.Mark.SeenAt, r.Mark == null ? null : r.Mark.ReadAt, r.Mark == null ? null : r.Mark.ArchivedAt);

    /// <summary>The person's items with their marks (none yet: unseen, unread, not archived), filtered; shaped into views last.</summary>
    private IQueryable<ItemRow> Filtered(string userId, InboxFilter filter)
    {
        var items = db.Items.Where(i => i.UserId == userId);
        if (filter.Category is { } category)
        {
            items = items.Where(i => i.Category == category);
        }
        var joined =
            from i in items
            join m in db.Marks on new { i.UserId, i.NotificationId } equals new { m.UserId, m.NotificationId } into marks
            from m in marks.DefaultIfEmpty()
            select new ItemRow { Item = i, Mark = m };
        return filter.Status switch
        {
            InboxStatus.Active => joined.Where(r => r.Mark == null || r.Mark.ArchivedAt == null),
            InboxStatus.Unread => joined.Where(r => r.Mark == null || r.Mark.ReadAt == null && r.Mark.ArchivedAt == null),
            InboxStatus.Read => joined.Where(r => r.Mark != null && r.Mark.ReadAt != null && r.Mark.ArchivedAt == null),
            InboxStatus.Archived => joined.Where(r => r.Mark != null && r.Mark.ArchivedAt != null),
            _ => joined,
        };
    }

    private sealed class ItemRow
    {
        public required InboxItem Item { get; init; }
        public ItemMark? Mark { get; init; }
    }
}
