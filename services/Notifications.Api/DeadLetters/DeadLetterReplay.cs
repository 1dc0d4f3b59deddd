using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;
using NotificationAspire.Outbox;

namespace Notifications.Api.DeadLetters;

/// <summary>
/// Sends dead letters back to the worker after an operator fixed the cause. The dispatch record goes out
/// again through the outbox with a fresh attempt count and the dead letter's id as replay id: replaying a
/// letter twice publishes once, and the worker sends at most once per replay id.
/// </summary>
public sealed class DeadLetterReplay(NotificationsDbContext db, IOutbox outbox, TimeProvider time)
{
    public enum Outcome { Replayed, AlreadyReplayed, NotReplayable }

    public async Task<Outcome> ReplayAsync(DeadLetter letter, string operatorId, CancellationToken ct)
    {
        if (letter.ReplayedAt is not null)
        {
            return Outcome.AlreadyReplayed;
        }
        if (letter.EventType != DeliveryDispatched.EventType || Readable(letter) is not { } record)
        {
            return Outcome.NotReplayable; // an unreadable record: nothing the worker could act on
        }

        letter.ReplayedAt = time.GetUtcNow();
        letter.ReplayedBy = operatorId;
        outbox.Add(record with { Attempt = 1, NotBefore = null, ReplayId = letter.Id });
        await db.SaveChangesAsync(ct); // the mark and the outbox row together, or neither
        return Outcome.Replayed;
    }

    public async Task<int> ReplayAllAsync(string operatorId, CancellationToken ct)
    {
        var pending = await db.DeadLetters.Where(d => d.ReplayedAt == null && d.EventType == DeliveryDispatched.EventType)
            .OrderBy(d => d.DeadLetteredAt).ToListAsync(ct);
        var replayed = 0;
        foreach (var letter in pending)
        {
            replayed += await ReplayAsync(letter, operatorId, ct) == Outcome.Replayed ? 1 : 0;
        }
        return replayed;
    }

    private static DeliveryDispatched? Readable(DeadLetter letter)
    {
        try
        {
            return JsonSerializer.Deserialize<DeliveryDispatched>(letter.PayloadJson, EventEnvelope.JsonOptions) is { } record
                && record.MissingFields() is null
                ? record with { History = record.History ?? [] }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
