using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// Handles one type of integration event. Runs in a scope of its own per record, and the record's offset is
/// committed only after it returns: a crash means the event comes again, so handlers must be idempotent.
/// Throw <see cref="UnprocessableEventException"/> for an event that can never succeed (it is dead-lettered);
/// any other exception retries the record in place.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Handles every record of its group that no typed subscription takes, as it came (the dead-letter recorder
/// keeps records whose payload no event type can read).
/// </summary>
public interface IEnvelopeHandler
{
    Task HandleAsync(EventEnvelope envelope, EventContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler may need beside the event: its id (to deduplicate) and where it was read.</summary>
public sealed record EventContext(string EventId, string Topic);
