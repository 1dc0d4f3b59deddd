using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Notifications.Api.DeadLetters;

/// <summary>
/// Keeps every record of `notification-dlq` in PostgreSQL, where operators can list and replay it: the
/// broker keeps only so much, and a dead letter must outlive its retention.
/// </summary>
public sealed class DeadLetterRecorder(NotificationsDbContext db, ILogger<DeadLetterRecorder> logger) : IEnvelopeHandler
{
    /// <summary>Every record, whatever its type: a dead letter may be exactly a payload no event type can read.</summary>
    public async Task HandleAsync(EventEnvelope envelope, EventContext context, CancellationToken ct)
    {
        if (await db.DeadLetters.AnyAsync(d => d.Id == envelope.Id, ct))
        {
            return;
        }

        var dispatched = envelope.Type == DeliveryDispatched.EventType ? TryRead(envelope) : null;
        db.DeadLetters.Add(new DeadLetter
        {
            Id = envelope.Id,
            DeliveryKey = envelope.Extension(DeadLetterHeaders.DeliveryKey) ?? dispatched?.DeliveryKey ?? $"unreadable:{envelope.Id}",
            NotificationId = dispatched?.NotificationId,
            RecipientUserId = dispatched?.RecipientUserId,
            Channel = dispatched?.Channel,
            Reason = envelope.Extension(DeadLetterHeaders.Reason) ?? "No reason given.",
            AttemptsJson = envelope.Extension(DeadLetterHeaders.Attempts) ?? "[]",
            EventType = envelope.Type,
            PayloadJson = IsJson(envelope.PayloadJson) ? envelope.PayloadJson : JsonSerializer.Serialize(envelope.PayloadJson),
            DeadLetteredAt = envelope.Time,
        });
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Dead letter {DeadLetterId} recorded for {DeliveryKey}", envelope.Id, envelope.Extension(DeadLetterHeaders.DeliveryKey));
    }

    private static DeliveryDispatched? TryRead(EventEnvelope envelope)
    {
        try
        {
            return envelope.Payload<DeliveryDispatched>();
        }
        catch (JsonException)
        {
            return null; // kept anyway, with what the headers say
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
