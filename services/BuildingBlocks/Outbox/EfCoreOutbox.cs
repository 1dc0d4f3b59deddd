using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace NotificationAspire.Outbox;

/// <summary>The outbox in the service's own DbContext: an added event is one more row the caller's SaveChanges inserts.</summary>
internal sealed class EfCoreOutbox<TContext>(TContext db, TimeProvider time) : IOutbox where TContext : DbContext
{
    public void Add<TEvent>(TEvent @event, PublishOptions? options = null) where TEvent : IIntegrationEvent
    {
        var (traceParent, _) = MessagingTelemetry.Current();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = options?.EventId is { } id ? Guid.Parse(id) : Guid.CreateVersion7(),
            AggregateType = (options?.Topic ?? TEvent.Topic).Name,
            AggregateId = @event.PartitionKey,
            EventType = TEvent.EventType,
            Payload = JsonSerializer.Serialize(@event, EventEnvelope.JsonOptions),
            TraceParent = traceParent,
            CreatedAt = options?.Time ?? time.GetUtcNow(),
        });
    }
}
