using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;

namespace Notifications.Api.Topics.FanOut;

/// <summary>The next people of a fan-out, straight from the subscriptions' primary key; never the whole list.</summary>
public static class SubscriberKeyset
{
    /// <summary>
    /// Distinct subscribers of the send's topics after the cursor, in user id order (a person on two topics is one
    /// row), leaving out the send's named recipients: the ordinary path already delivers to them.
    /// </summary>
    /// <remarks>
    /// Each topic is read on its own, as a range of the primary key (topic, user id) from the cursor, at most
    /// <paramref name="take"/> rows, and those are merged: a page costs the same at the start of a topic of 100,000
    /// as at its end. (Filtering `topic = ANY(...)` with DISTINCT instead made PostgreSQL read and sort every
    /// subscriber after the cursor for each page, about a second a page at 100,000.) The merge is exact: each of the
    /// first <paramref name="take"/> people overall is among the first <paramref name="take"/> of every topic they
    /// are on, so no one is skipped.
    /// </remarks>
    public static Task<List<string>> NextAsync(NotificationsDbContext db, TopicFanOut fanOut, int take, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT DISTINCT p."UserId" AS "Value"
            FROM unnest({fanOut.Topics}) AS t("Key")
            CROSS JOIN LATERAL (
                SELECT s."UserId"
                FROM topic_subscriptions s
                WHERE s."TopicKey" = t."Key" AND s."UserId" > {fanOut.Cursor}
                  AND NOT EXISTS (SELECT 1 FROM notification_recipients r WHERE r."NotificationId" = {fanOut.NotificationId} AND r."UserId" = s."UserId")
                ORDER BY s."UserId"
                LIMIT {take}) p
            ORDER BY p."UserId"
            LIMIT {take}
            """).ToListAsync(ct);
}
