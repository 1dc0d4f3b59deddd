using Microsoft.EntityFrameworkCore;
using Notifications.Api.Requests;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Outbox;
using Npgsql;

namespace Notifications.Api.Sending;

/// <summary>The outcome of accepting a send request.</summary>
public abstract record AcceptanceResult
{
    public sealed record Accepted(Notification Notification) : AcceptanceResult;

    /// <summary>The Idempotency-Key was used before with a different body.</summary>
    public sealed record KeyConflict(Guid ExistingId) : AcceptanceResult;
}

/// <summary>
/// Stores a notification and the event announcing it in ONE transaction (the outbox), and makes retries
/// with the same Idempotency-Key return the original notification instead of a second one.
/// </summary>
public sealed class NotificationAcceptance(NotificationsDbContext db, IOutbox outbox)
{
    public async Task<AcceptanceResult> AcceptAsync(Notification notification, CancellationToken ct)
    {
        if (await FindByKeyAsync(notification, ct) is { } earlier)
        {
            return Compare(earlier, notification);
        }

        db.Notifications.Add(notification);
        outbox.Add(SendEvents.Requested(notification));
        try
        {
            await db.SaveChangesAsync(ct); // one transaction: both rows or neither
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent request with the same key won the race; answer what it answered.
            db.ChangeTracker.Clear();
            var winner = await FindByKeyAsync(notification, ct)
                ?? throw new InvalidOperationException("Unique violation without a notification holding the key.", ex);
            return Compare(winner, notification);
        }
        Observability.NotificationMetrics.Accepted(notification.Recipients.Count);
        return new AcceptanceResult.Accepted(notification);
    }

    private Task<Notification?> FindByKeyAsync(Notification notification, CancellationToken ct) =>
        notification.IdempotencyKey is null
            ? Task.FromResult<Notification?>(null)
            : db.Notifications.AsNoTracking().FirstOrDefaultAsync(
                n => n.SenderId == notification.SenderId && n.IdempotencyKey == notification.IdempotencyKey, ct);

    private static AcceptanceResult Compare(Notification earlier, Notification attempt) =>
        earlier.RequestHash == attempt.RequestHash
            ? new AcceptanceResult.Accepted(earlier)
            : new AcceptanceResult.KeyConflict(earlier.Id);
}
