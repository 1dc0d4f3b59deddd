using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using Notifications.Api.Outbox;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Notifications.Api.DeadLetters;

/// <summary>
/// Sends dead letters back to the worker after an operator fixed the cause. The dispatch record goes out
/// again through the outbox with a fresh attempt count and the dead letter's id as replay id: replaying a
/// letter twice publishes once, and the worker sends at most once per replay id.
/// </summary>
public sealed class DeadLetterReplay(NotificationsDbContext db, OutboxSignal signal, TimeProvider time)
{
    public enum Outcome { Replayed, AlreadyReplayed, NotReplayable }

    public async Task<Outcome> ReplayAsync(DeadLetter letter, string operatorId, CancellationToken ct)
    {
        if (letter.ReplayedAt is not null)
        {
            return Outcome.AlreadyReplayed;
        }
        if (letter.EventType != DeliveryDispatched.EventType || JsonNode.Parse(letter.PayloadJson) is not JsonObject payload)
        {
            return Outcome.NotReplayable; // an unreadable record: nothing the worker could act on
        }

        payload["attempt"] = 1;
        payload["notBefore"] = null;
        payload["replayId"] = letter.Id;
        var recipient = payload["recipientUserId"]?.GetValue<string>() ?? letter.DeliveryKey;

        letter.ReplayedAt = time.GetUtcNow();
        letter.ReplayedBy = operatorId;
        db.Outbox.Add(OutboxMessageExtensions.ForEvent(KafkaTopics.NotificationDispatch.Name, recipient,
            DeliveryDispatched.EventType, payload, time));
        await db.SaveChangesAsync(ct); // the mark and the outbox row together, or neither
        signal.Notify();
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
}
