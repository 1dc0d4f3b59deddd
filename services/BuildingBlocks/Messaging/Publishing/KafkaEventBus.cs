using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>The bus on Kafka: events become CloudEvents envelopes on their topic, dead letters go to the configured topic.</summary>
public sealed class KafkaEventBus(IEventPublisher transport, IOptions<MessagingOptions> options, TimeProvider time) : IEventBus
{
    public Task PublishAsync<TEvent>(TEvent @event, PublishOptions? publish = null, CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent
    {
        var envelope = Envelope(@event, publish?.EventId, publish?.Time);
        return transport.PublishAsync((publish?.Topic ?? TEvent.Topic).Name, envelope, cancellationToken);
    }

    public Task DeadLetterAsync<TEvent>(TEvent @event, DeadLetterNote note, CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent =>
        DeadLetterAsync(Envelope(@event, eventId: null, at: null), note, cancellationToken);

    /// <summary>
    /// A record as it came (its type, key and payload) to the dead letters, with the reason and details beside it
    /// in headers: for records no typed event could be read from.
    /// </summary>
    public Task DeadLetterAsync(EventEnvelope original, DeadLetterNote note, CancellationToken cancellationToken = default)
    {
        var headers = new Dictionary<string, string>(note.Details ?? new Dictionary<string, string>())
        {
            [Contracts.Events.DeadLetterHeaders.Reason] = note.Reason,
        };
        var (traceParent, traceState) = MessagingTelemetry.Current();
        var envelope = original with
        {
            Id = note.Id,
            Key = note.Key ?? original.Key,
            Source = options.Value.Source,
            Time = time.GetUtcNow(),
            TraceParent = traceParent ?? original.TraceParent,
            TraceState = traceState ?? original.TraceState,
            Extensions = headers,
        };
        return transport.PublishAsync(options.Value.DeadLetterTopic, envelope, cancellationToken);
    }

    private EventEnvelope Envelope<TEvent>(TEvent @event, string? eventId, DateTimeOffset? at) where TEvent : IIntegrationEvent
    {
        // Continue the trace of whatever is being handled, so one trace runs from the request to the last retry.
        var (traceParent, traceState) = MessagingTelemetry.Current();
        return EventEnvelope.Create(eventId ?? Guid.CreateVersion7().ToString(), TEvent.EventType, options.Value.Source,
            at ?? time.GetUtcNow(), @event.PartitionKey, @event, traceParent, traceState);
    }
}
