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
public sealed class DispatchPublisher(IEventPublisher publisher, TimeProvider time)
{
    /// <summary>The first attempt of a fresh delivery; keyed by recipient so one person's messages keep their order.</summary>
    public Task DispatchAsync(DeliveryDispatched record, CancellationToken ct) =>
        PublishAsync(KafkaTopics.NotificationDispatch, $"{record.DeliveryKey}:dispatch", record.RecipientUserId, record, null, ct);

    /// <summary>The record again on a retry tier, to be taken up at <see cref="DeliveryDispatched.NotBefore"/>.</summary>
    public Task ScheduleAsync(KafkaTopic tier, string step, DeliveryDispatched record, CancellationToken ct)
    {
        var id = $"{record.DeliveryKey}:{step}:{record.Attempt}:{record.NotBefore?.ToUnixTimeMilliseconds()}{ReplaySuffix(record)}";
        return PublishAsync(tier, id, record.RecipientUserId, record, null, ct);
    }

    /// <summary>
    /// The record as it last was, on the dead letters with why and what was tried, for people to look at and
    /// replay. <paramref name="attemptCount"/> (the delivery's sends so far) keeps each dead letter's id unique.
    /// </summary>
    public Task DeadLetterAsync(DeliveryDispatched record, string reason, string sourceTopic, int attemptCount, CancellationToken ct)
    {
        var headers = new Dictionary<string, string>
        {
            [DeadLetterHeaders.Reason] = reason,
            [DeadLetterHeaders.Attempts] = JsonSerializer.Serialize(record.History, EventEnvelope.JsonOptions),
            [DeadLetterHeaders.SourceTopic] = sourceTopic,
            [DeadLetterHeaders.DeliveryKey] = record.DeliveryKey,
        };
        var id = $"{record.DeliveryKey}:dead:{attemptCount}{ReplaySuffix(record)}";
        return PublishAsync(KafkaTopics.NotificationDeadLetters, id, record.DeliveryKey, record, headers, ct);
    }

    private Task PublishAsync(KafkaTopic topic, string id, string key, DeliveryDispatched record,
        IReadOnlyDictionary<string, string>? headers, CancellationToken ct)
    {
        // Continue the trace of whatever is being handled, so one trace runs from the request to the last retry.
        var (traceParent, traceState) = MessagingTelemetry.Current();
        var envelope = EventEnvelope.Create(id, DeliveryDispatched.EventType, DeliveryStatusEvents.Source, time.GetUtcNow(), key, record,
            traceParent, traceState, headers);
        return publisher.PublishAsync(topic.Name, envelope, ct);
    }

    private static string ReplaySuffix(DeliveryDispatched record) => record.ReplayId is null ? string.Empty : $":replay:{record.ReplayId}";
}
