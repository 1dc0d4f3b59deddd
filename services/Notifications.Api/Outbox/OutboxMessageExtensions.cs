using Notifications.Api.Data;
using NotificationAspire.Messaging;

namespace Notifications.Api.Outbox;

public static class OutboxMessageExtensions
{
    public const string Source = "/notifications-api";

    /// <summary>An outbox row for an event, remembering the current trace so the publish continues it.</summary>
    public static OutboxMessage ForEvent<T>(string topic, string key, string eventType, T payload, TimeProvider time)
    {
        var (traceParent, _) = MessagingTelemetry.Current();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Topic = topic,
            Key = key,
            EventType = eventType,
            PayloadJson = System.Text.Json.JsonSerializer.Serialize(payload, EventEnvelope.JsonOptions),
            TraceParent = traceParent,
            CreatedAt = time.GetUtcNow(),
        };
    }

    /// <summary>The outbox row's id is the event id: a row published twice is recognisably the same event.</summary>
    public static EventEnvelope ToEnvelope(this OutboxMessage message) =>
        new(message.Id.ToString(), message.EventType, Source, message.CreatedAt, message.Key, message.PayloadJson, message.TraceParent);
}
