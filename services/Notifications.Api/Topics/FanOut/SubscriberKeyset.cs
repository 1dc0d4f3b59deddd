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
    public static Task<List<string>> NextAsync(NotificationsDbContext db, TopicFanOut fanOut, int take, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT DISTINCT s."UserId" AS "Value"
            FROM topic_subscriptions s
            WHERE s."TopicKey" = ANY({fanOut.Topics}) AND s."UserId" > {fanOut.Cursor}
              AND NOT EXISTS (SELECT 1 FROM notification_recipients r WHERE r."NotificationId" = {fanOut.NotificationId} AND r."UserId" = s."UserId")
            ORDER BY s."UserId"
            LIMIT {take}
            """).ToListAsync(ct);
}
