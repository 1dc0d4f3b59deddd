using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Templates;
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
    /// <param name="template">The template version the notification pins, carried whole in its event.</param>
    /// <remarks>
    /// Called after <see cref="EarlierAsync"/> found no earlier request: a request with the same key that got in
    /// meanwhile is caught by the unique index, not by reading again (a round trip every send would pay).
    /// </remarks>
    /// <param name="digest">The send's digest, carried in its event only.</param>
    public async Task<AcceptanceResult> AcceptAsync(Notification notification, TemplateContent? template, CancellationToken ct, DigestRequest? digest = null)
    {
        db.Notifications.Add(notification);
        outbox.Add(SendEvents.Requested(notification, template) with { Digest = digest });
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

    /// <summary>
    /// What an earlier request with this Idempotency-Key was answered, judged against this request's fingerprint;
    /// null when the key is new (or absent). Asked before validation, so a retry gets the first answer even when
    /// something it was checked against (a template's current version) has changed since.
    /// </summary>
    public async Task<AcceptanceResult?> EarlierAsync(string senderId, string? idempotencyKey, string requestHash, CancellationToken ct) =>
        await FindByKeyAsync(senderId, idempotencyKey, ct) is { } earlier ? Compare(earlier, requestHash) : null;

    private Task<Notification?> FindByKeyAsync(Notification notification, CancellationToken ct) =>
        FindByKeyAsync(notification.SenderId, notification.IdempotencyKey, ct);

    private Task<Notification?> FindByKeyAsync(string senderId, string? idempotencyKey, CancellationToken ct) =>
        idempotencyKey is null
            ? Task.FromResult<Notification?>(null)
            : db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.SenderId == senderId && n.IdempotencyKey == idempotencyKey, ct);

    private static AcceptanceResult Compare(Notification earlier, Notification attempt) => Compare(earlier, attempt.RequestHash);

    private static AcceptanceResult Compare(Notification earlier, string? requestHash) =>
        earlier.RequestHash == requestHash
            ? new AcceptanceResult.Accepted(earlier)
            : new AcceptanceResult.KeyConflict(earlier.Id);
}
