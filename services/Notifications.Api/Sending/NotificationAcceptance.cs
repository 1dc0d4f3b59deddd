using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using Notifications.Api.Topics.FanOut;
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
public sealed class NotificationAcceptance(NotificationsDbContext db, IOutbox outbox, FanOutSignal fanOutSignal)
{
    /// <param name="template">The template version the notification pins, carried whole in its event.</param>
    /// <param name="topics">Topics whose subscribers get it too: their fan-out starts in the same transaction, so an accepted topic send is never forgotten.</param>
    /// <remarks>
    /// Called after <see cref="EarlierAsync"/> found no earlier request: a request with the same key that got in
    /// meanwhile is caught by the unique index, not by reading again (a round trip every send would pay).
    /// </remarks>
    /// <param name="topics">Topics whose subscribers are fanned out afterwards (<see cref="TopicFanOutService"/>).</param>
    /// <param name="digest">The send's digest, carried in its event only.</param>
    public async Task<AcceptanceResult> AcceptAsync(Notification notification, TemplateContent? template, IReadOnlyList<string>? topics,
        DigestRequest? digest, CancellationToken ct)
    {
        db.Notifications.Add(notification);
        if (notification.Recipients.Count > 0)
        {
            outbox.Add(SendEvents.Requested(notification, template) with { Digest = digest });
        }
        if (topics is not null)
        {
            db.TopicFanOuts.Add(TopicFanOut.Start(notification.Id, topics, notification.CreatedAt));
        }
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
        if (topics is not null)
        {
            fanOutSignal.Notify();
        }
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
