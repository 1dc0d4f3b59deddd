using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>One event type of a consumer group and how a record of it is read, scheduled and handled.</summary>
internal sealed class Subscription
{
    private Subscription(string eventType, Func<EventEnvelope, DateTimeOffset?> dueAt,
        Func<EventEnvelope, EventContext, IServiceProvider, CancellationToken, Task> handle)
    {
        EventType = eventType;
        DueAt = dueAt;
        Handle = handle;
    }

    public string EventType { get; }

    /// <summary>When the record may be handled (null: now). Throws <see cref="UnreadableEventException"/> like reading does.</summary>
    public Func<EventEnvelope, DateTimeOffset?> DueAt { get; }

    /// <summary>Reads the record and hands it to the handler resolved from the record's own scope.</summary>
    public Func<EventEnvelope, EventContext, IServiceProvider, CancellationToken, Task> Handle { get; }

    public static Subscription For<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent> =>
        new(TEvent.EventType,
            envelope => typeof(IScheduledEvent).IsAssignableFrom(typeof(TEvent)) ? ((IScheduledEvent)Read<TEvent>(envelope)).NotBefore : null,
            (envelope, context, services, ct) => services.GetRequiredService<THandler>().HandleAsync(Read<TEvent>(envelope), context, ct));

    public static Subscription Fallback<THandler>() where THandler : IEnvelopeHandler =>
        new("*", _ => null, (envelope, context, services, ct) => services.GetRequiredService<THandler>().HandleAsync(envelope, context, ct));

    /// <summary>The event, or <see cref="UnreadableEventException"/>: a payload no retry can make readable.</summary>
    public static TEvent Read<TEvent>(EventEnvelope envelope) where TEvent : IIntegrationEvent
    {
        TEvent payload;
        try
        {
            payload = envelope.Payload<TEvent>();
        }
        catch (JsonException ex)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type, ex.Message, ex);
        }
        if (payload.SchemaVersion != TEvent.KnownSchemaVersion)
        {
            throw new UnreadableEventException(envelope.Id, envelope.Type, $"schema version {payload.SchemaVersion} is not {TEvent.KnownSchemaVersion}");
        }
        return payload.MissingFields() is { } missing ? throw new UnreadableEventException(envelope.Id, envelope.Type, missing) : payload;
    }
}
