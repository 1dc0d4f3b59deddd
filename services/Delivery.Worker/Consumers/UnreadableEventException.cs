using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// A well-formed CloudEvent whose payload this worker cannot use (bad JSON, missing fields, a schema
/// version it does not know). Retrying will not help; such events belong in the dead letters.
/// </summary>
public sealed class UnreadableEventException(string eventId, string eventType, string reason, Exception? inner = null)
    : UnprocessableEventException($"Event {eventId} of type {eventType} cannot be read: {reason}", inner)
{
    public string EventId { get; } = eventId;
    public string EventType { get; } = eventType;
    public string Reason { get; } = reason;
}
