namespace NotificationAspire.Messaging;

/// <summary>
/// Thrown by a handler for an event that can never succeed however often it is retried (an unreadable
/// payload, an unknown schema version). The consumer moves it to the dead-letter topic instead of
/// blocking its partition.
/// </summary>
public class UnprocessableEventException(string message, Exception? inner = null) : Exception(message, inner);
