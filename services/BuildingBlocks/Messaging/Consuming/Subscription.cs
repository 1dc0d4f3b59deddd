using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// A record read into its event, once: when it may be handled (null: now), and how to hand it to its handler,
/// resolved from the scope of each try.
/// </summary>
internal sealed record ReceivedEvent(DateTimeOffset? DueAt, Func<EventContext, IServiceProvider, CancellationToken, Task> Handle);

/// <summary>One event type of a consumer group and how a record of it is received.</summary>
internal sealed class Subscription
{
    /// <summary>What a fallback subscription answers to: any type no typed subscription of the group takes.</summary>
    public const string AnyType = "*";

    private Subscription(string eventType, Func<EventEnvelope, ReceivedEvent> receive)
    {
        EventType = eventType;
        Receive = receive;
    }

    public string EventType { get; }

    /// <summary>Reads the record; throws <see cref="UnreadableEventException"/> for one no handler can use.</summary>
    public Func<EventEnvelope, ReceivedEvent> Receive { get; }

    public static Subscription For<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : IIntegrationEventHandler<TEvent> =>
        new(TEvent.EventType, envelope =>
        {
            var @event = Read<TEvent>(envelope);
            return new ReceivedEvent((@event as IScheduledEvent)?.NotBefore,
                (context, services, ct) => services.GetRequiredService<THandler>().HandleAsync(@event, context, ct));
        });

    public static Subscription Fallback<THandler>() where THandler : IEnvelopeHandler =>
        new(AnyType, envelope => new ReceivedEvent(null,
            (context, services, ct) => services.GetRequiredService<THandler>().HandleAsync(envelope, context, ct)));

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
