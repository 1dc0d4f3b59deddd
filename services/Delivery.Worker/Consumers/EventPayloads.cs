using System.Text.Json;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// Reads the payloads this worker acts on. System.Text.Json leaves a missing property null whatever the
/// record says, so each is checked for what it cannot do without; anything unusable is an
/// <see cref="UnreadableEventException"/> (a dead letter), never a retry.
/// </summary>
public static class EventPayloads
{
    public const int SupportedSchemaVersion = 1;

    public static NotificationRequested Requested(EventEnvelope envelope) => Read<NotificationRequested>(envelope,
        r => r.SchemaVersion,
        r => r.NotificationId != Guid.Empty && !string.IsNullOrEmpty(r.Channel) && r.Recipients is not null
            && r.Recipients.All(x => x is not null && !string.IsNullOrEmpty(x.UserId) && x.Contact is not null)
            && r.Subject is not null && r.Body is not null,
        "notificationId, channel, subject, body and recipients (each with userId and contact) are required");

    public static NotificationCancelled Cancelled(EventEnvelope envelope) => Read<NotificationCancelled>(envelope,
        c => c.SchemaVersion,
        c => c.NotificationId != Guid.Empty && c.CancelledBy is not null,
        "notificationId and cancelledBy are required");

    public static DeliveryDispatched Dispatched(EventEnvelope envelope)
    {
        var record = Read<DeliveryDispatched>(envelope,
            d => d.SchemaVersion,
            d => d.NotificationId != Guid.Empty && !string.IsNullOrEmpty(d.DeliveryKey) && !string.IsNullOrEmpty(d.RecipientUserId)
                && d.Contact is not null && !string.IsNullOrEmpty(d.Channel) && d.Subject is not null && d.Body is not null && d.Attempt >= 1,
            "notificationId, deliveryKey, recipientUserId, contact, channel, subject, body and an attempt of at least 1 are required");
        // A record without history (a hand-written replay, say) simply has none yet.
        return record.History is null ? record with { History = [] } : record;
    }

    private static T Read<T>(EventEnvelope envelope, Func<T, int> schemaVersion, Func<T, bool> complete, string requirement)
    {
        T payload;
        try
        {
            payload = envelope.Payload<T>();
        }
        catch (JsonException ex)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type, ex.Message, ex);
        }

        if (schemaVersion(payload) != SupportedSchemaVersion)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type, $"schema version {schemaVersion(payload)} is not {SupportedSchemaVersion}");
        }
        if (!complete(payload))
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type, requirement);
        }
        return payload;
    }
}
