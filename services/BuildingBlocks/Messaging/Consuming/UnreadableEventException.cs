namespace NotificationAspire.Messaging;

/// <summary>
/// A well-formed CloudEvent whose payload cannot be used (bad JSON, missing fields, a schema version this code
/// does not know). Retrying will not help; such events belong in the dead letters.
/// </summary>
public sealed class UnreadableEventException(string eventId, string eventType, string reason, Exception? inner = null)
    : UnprocessableEventException($"Event {eventId} of type {eventType} cannot be read: {reason}", inner);
