using Inbox.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Inbox.Api.Inbox;

/// <summary>
/// The person's commands on their own items: seen, read, archived. Each is one statement that marks only items the
/// person has (another person's id marks nothing) and keeps the first time a mark was set, so repeating it is harmless.
/// Reading or archiving an item also sees it.
/// </summary>
public sealed class InboxMarks(InboxDbContext db, TimeProvider time)
{
    /// <returns>How many of the items the person has.</returns>
    public Task<int> ReadAsync(string userId, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        MarkAsync(userId, ids.ToArray(), category: null, read: true, archive: false, ct);

    public Task<int> ReadAllAsync(string userId, string? category, CancellationToken ct) =>
        MarkAsync(userId, ids: null, category, read: true, archive: false, ct);

    public Task<int> ArchiveAsync(string userId, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        MarkAsync(userId, ids.ToArray(), category: null, read: false, archive: true, ct);

    public Task<int> SeeAllAsync(string userId, CancellationToken ct) =>
        MarkAsync(userId, ids: null, category: null, read: false, archive: false, ct);

    /// <param name="ids">Items to mark; null for all the person's items (of <paramref name="category"/>, when given).</param>
    private Task<int> MarkAsync(string userId, Guid[]? ids, string? category, bool read, bool archive, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? readAt = read ? now : null;
        DateTimeOffset? archivedAt = archive ? now : null;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO item_marks ("UserId", "NotificationId", "SeenAt", "ReadAt", "ArchivedAt")
            SELECT "UserId", "NotificationId", {now}, CAST({readAt} AS timestamptz), CAST({archivedAt} AS timestamptz)
            FROM inbox_items
            WHERE "UserId" = {userId}
              AND (CAST({ids} AS uuid[]) IS NULL OR "NotificationId" = ANY(CAST({ids} AS uuid[])))
              AND (CAST({category} AS text) IS NULL OR "Category" = CAST({category} AS text))
            ON CONFLICT ("UserId", "NotificationId") DO UPDATE SET
              "SeenAt" = COALESCE(item_marks."SeenAt", EXCLUDED."SeenAt"),
              "ReadAt" = COALESCE(item_marks."ReadAt", EXCLUDED."ReadAt"),
              "ArchivedAt" = COALESCE(item_marks."ArchivedAt", EXCLUDED."ArchivedAt")
            """, ct);
    }
}
