using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// Publishes integration events and returns once the broker has them. The event names its type, topic and
/// key; the bus adds the source, the time and the trace. Callers say only what differs from the defaults.
/// </summary>
public interface IEventBus
{
    Task PublishAsync<TEvent>(TEvent @event, PublishOptions? options = null, CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent;

    /// <summary>The event, as it is, to the dead letters with why (see <see cref="DeadLetterNote"/>).</summary>
    Task DeadLetterAsync<TEvent>(TEvent @event, DeadLetterNote note, CancellationToken cancellationToken = default)
        where TEvent : IIntegrationEvent;
}

/// <summary>
/// What a publisher may choose. <see cref="EventId"/>: ids derived from state make a re-publish after a crash
/// the same event, which consumers recognise (a fresh id otherwise). <see cref="Topic"/>: another topic than
/// the event's own (a retry tier). <see cref="Time"/>: when it happened, if not now.
/// </summary>
public sealed record PublishOptions(string? EventId = null, KafkaTopic? Topic = null, DateTimeOffset? Time = null);

/// <summary>
/// Why an event is dead and what it is about. Every dead letter's id is `{Subject}:dead:{Discriminator}`: the
/// thing it concerns (a delivery key, a record's place) and what tells this letter from earlier ones about it
/// (an attempt count, a content fingerprint), so moving the same thing again after a crash gives the same id.
/// <see cref="Key"/>: the dead letter's record key, if not the event's own.
/// </summary>
public sealed record DeadLetterNote(string Subject, string Discriminator, string Reason, IReadOnlyDictionary<string, string>? Details = null,
    string? Key = null)
{
    public string Id => $"{Subject}:dead:{Discriminator}";
}
