using Inbox.Api.Data;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Inbox.Api.Projection;

/// <summary>
/// The read side's only writer of projected data: accepted notifications (who sent them), every delivery's status
/// (the timelines) and in-app messages (the inboxes). Each write is keyed by something the event carries (the
/// notification id, the status event's id, the delivery key), so an event read twice changes nothing. A new inbox
/// item gets the person's next sequence number and a NOTIFY on commit, which wakes every replica's live streams.
/// </summary>
public sealed class InboxProjector(InboxDbContext db, ProjectionRun run, TimeProvider time)
    : IIntegrationEventHandler<InAppMessageDelivered>, IIntegrationEventHandler<DeliveryStatusChanged>, IIntegrationEventHandler<NotificationRequested>
{
    /// <summary>The PostgreSQL channel new items are announced on; the payload is the person's user id.</summary>
    public const string ItemsChannel = "inbox_items";

    public async Task HandleAsync(InAppMessageDelivered message, EventContext context, CancellationToken ct)
    {
        await InTransactionAsync(async token =>
        {
            // Next number of this person's inbox; the PK conflict makes a second copy of the event a no-op, while two writers
            // racing for one number collide on the (person, sequence) index and the loser's record is retried.
            var inserted = await db.Database.SqlQuery<long>($"""
                INSERT INTO inbox_items ("UserId", "NotificationId", "Sequence", "EventId", "Category", "Title", "Body", "Url", "Locale", "DeliveredAt")
                SELECT {message.RecipientUserId}, {message.NotificationId}, COALESCE(MAX("Sequence"), 0) + 1, {context.EventId}, {message.Category},
                       {message.Title}, {message.Body}, CAST({message.Url} AS text), CAST({message.Locale} AS text), {message.DeliveredAt.ToUniversalTime()}
                FROM inbox_items WHERE "UserId" = {message.RecipientUserId}
                ON CONFLICT ("UserId", "NotificationId") DO NOTHING
                RETURNING "Sequence" AS "Value"
                """).ToListAsync(token);
            if (inserted.Count > 0)
            {
                // Delivered with the commit, never before it: a stream woken by it finds the row.
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({ItemsChannel}, {message.RecipientUserId})", token);
            }
        }, ct);
        ProjectionMetrics.Applied("inbox-item", message.DeliveredAt, time.GetUtcNow(), run.Replaying);
    }

    public async Task HandleAsync(DeliveryStatusChanged change, EventContext context, CancellationToken ct)
    {
        await InTransactionAsync(token => db.Database.ExecuteSqlAsync($"""
            INSERT INTO timeline_entries ("EventId", "NotificationId", "RecipientUserId", "Channel", "State", "Attempt", "Error", "OccurredAt")
            VALUES ({context.EventId}, {change.NotificationId}, {change.RecipientUserId}, {change.Channel}, {change.State}, {change.AttemptNumber},
                    CAST({change.Error} AS text), {change.OccurredAt.ToUniversalTime()})
            ON CONFLICT ("EventId") DO NOTHING
            """, token), ct);
        ProjectionMetrics.Applied("delivery-status", change.OccurredAt, time.GetUtcNow(), run.Replaying);
    }

    public async Task HandleAsync(NotificationRequested request, EventContext context, CancellationToken ct)
    {
        await InTransactionAsync(token => db.Database.ExecuteSqlAsync($"""
            INSERT INTO notifications ("Id", "SenderId", "Category", "RecipientCount", "AcceptedAt")
            VALUES ({request.NotificationId}, {request.SenderId}, {request.Category}, {request.Recipients.Count}, {request.RequestedAt.ToUniversalTime()})
            ON CONFLICT ("Id") DO NOTHING
            """, token), ct);
        ProjectionMetrics.Applied("notification-accepted", request.RequestedAt, time.GetUtcNow(), run.Replaying);
    }

    /// <summary>
    /// One transaction, run inside the database's retrying strategy (which may replay it whole), holding the projection
    /// lock shared when live; a rebuild holds it exclusively already.
    /// </summary>
    private Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            if (!run.Replaying)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({ProjectionRun.LockKey})", token);
            }
            await work(token);
            await transaction.CommitAsync(token);
        }, ct);
}
