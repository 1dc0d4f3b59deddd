using System.Text.Json;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Puts <see cref="DeliveryDispatched"/> records where they go next: the dispatch topic, a retry tier or the
/// dead letters. Every id is derived from the delivery and its step, so publishing a step again after a
/// crash gives the same event.
/// </summary>
public sealed class DispatchPublisher(IEventBus bus)
{
    /// <summary>The first attempt of a fresh delivery (on the event's own topic, keyed by recipient).</summary>
    public Task DispatchAsync(DeliveryDispatched record, CancellationToken ct) =>
        bus.PublishAsync(record, new PublishOptions(EventId: $"{record.DeliveryKey}:dispatch"), ct);

    /// <summary>A held record fallen due, back on the dispatch topic (its id names the due time, so a second release is the same event).</summary>
    public Task ReleaseAsync(DeliveryDispatched record, CancellationToken ct) =>
        bus.PublishAsync(record, new PublishOptions(EventId: $"{record.DeliveryKey}:release:{record.Attempt}:{record.NotBefore?.ToUnixTimeMilliseconds()}{ReplaySuffix(record)}"), ct);

    /// <summary>The record again on a retry tier, to be taken up at <see cref="DeliveryDispatched.NotBefore"/>.</summary>
    public Task ScheduleAsync(KafkaTopic tier, string step, DeliveryDispatched record, CancellationToken ct)
    {
        var id = $"{record.DeliveryKey}:{step}:{record.Attempt}:{record.NotBefore?.ToUnixTimeMilliseconds()}{ReplaySuffix(record)}";
        return bus.PublishAsync(record, new PublishOptions(EventId: id, Topic: tier), ct);
    }

    /// <summary>
    /// The record as it last was, on the dead letters with why and what was tried, for people to look at and
    /// replay; keyed by delivery. <paramref name="attemptCount"/> (the delivery's sends so far) tells its dead
    /// letters apart.
    /// </summary>
    public Task DeadLetterAsync(DeliveryDispatched record, string reason, string sourceTopic, int attemptCount, CancellationToken ct)
    {
        var details = new Dictionary<string, string>
        {
            [DeadLetterHeaders.Attempts] = JsonSerializer.Serialize(record.History, EventEnvelope.JsonOptions),
            [DeadLetterHeaders.SourceTopic] = sourceTopic,
            [DeadLetterHeaders.DeliveryKey] = record.DeliveryKey,
        };
        return bus.DeadLetterAsync(record,
            new DeadLetterNote(record.DeliveryKey, $"{attemptCount}{ReplaySuffix(record)}", reason, details, Key: record.DeliveryKey), ct);
    }

    private static string ReplaySuffix(DeliveryDispatched record) => record.ReplayId is null ? string.Empty : $":replay:{record.ReplayId}";
}
