using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;

namespace Notifications.Api.Topics;

/// <summary>
/// Subscribing and unsubscribing in bulk, as single statements: ten thousand people are one round trip, and a
/// person already (un)subscribed is left as they are, so a retried call changes nothing.
/// </summary>
public sealed class TopicSubscriptions(NotificationsDbContext db, TimeProvider time)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1_000;

    /// <returns>How many were not subscribed before.</returns>
    public Task<int> AddAsync(string topic, IReadOnlyList<string> userIds, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO topic_subscriptions ("TopicKey", "UserId", "SubscribedAt")
            SELECT {topic}, u, {time.GetUtcNow()} FROM unnest({userIds.ToArray()}) AS u
            ON CONFLICT DO NOTHING
            """, ct);

    /// <returns>How many were subscribed before.</returns>
    public Task<int> RemoveAsync(string topic, IReadOnlyList<string> userIds, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            DELETE FROM topic_subscriptions WHERE "TopicKey" = {topic} AND "UserId" = ANY({userIds.ToArray()})
            """, ct);

    /// <summary>
    /// The subscribers after <paramref name="after"/> in user id order: keyset paging on the primary key, so a
    /// page costs the same at the millionth subscriber as at the first, and people (un)subscribing meanwhile
    /// never shift a page.
    /// </summary>
    public async Task<SubscriberPage> PageAsync(string topic, string? after, int limit, CancellationToken ct)
    {
        var cursor = after ?? string.Empty;
        var ids = await db.TopicSubscriptions.AsNoTracking()
            .Where(s => s.TopicKey == topic && string.Compare(s.UserId, cursor) > 0)
            .OrderBy(s => s.UserId)
            .Select(s => s.UserId)
            .Take(limit + 1) // one more tells whether there is a next page
            .ToListAsync(ct);
        var page = ids.Take(limit).ToList();
        return new SubscriberPage(topic, page, ids.Count > limit ? page[^1] : null);
    }
}
