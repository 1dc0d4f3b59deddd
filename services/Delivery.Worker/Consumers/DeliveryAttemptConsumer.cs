using Delivery.Worker.Delivering;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// Takes <see cref="DeliveryDispatched"/> records (first attempts, retries, replays, rechecks) through
/// <see cref="DeliveryProcessor"/>, each when it is due: a record whose NotBefore lies ahead holds its
/// partition until then. The groups differ only in what they read (<see cref="DispatchConsumer"/>,
/// <see cref="RetryTierConsumer"/>), so that a backlog of retries never holds up first attempts.
/// </summary>
public abstract class DeliveryAttemptConsumer(
    KafkaClientSettings settings,
    IEventPublisher publisher,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger logger)
    : KafkaConsumerService(settings, publisher, time, logger)
{
    protected override DateTimeOffset? DueAt(EventEnvelope envelope) =>
        envelope.Type == DeliveryDispatched.EventType ? EventPayloads.Dispatched(envelope).NotBefore : null;

    protected override async Task HandleAsync(EventEnvelope envelope, string topic, CancellationToken cancellationToken)
    {
        if (envelope.Type != DeliveryDispatched.EventType)
        {
            Logger.LogInformation("Skipping event {EventId} of type {EventType}: not one this worker handles", envelope.Id, envelope.Type);
            return;
        }

        var record = EventPayloads.Dispatched(envelope);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().ProcessAsync(record, topic, cancellationToken);
    }
}
