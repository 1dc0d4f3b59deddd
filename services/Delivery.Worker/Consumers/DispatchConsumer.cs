using Delivery.Worker.Delivering;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// The `delivery-worker-dispatch` group on `notification-dispatch`: first attempts and replayed dead letters.
/// A group of its own, so sending never holds up the fan-out of new requests.
/// </summary>
public sealed class DispatchConsumer(
    KafkaClientSettings settings,
    IEventPublisher publisher,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DispatchConsumer> logger)
    : KafkaConsumerService(settings, publisher, time, logger)
{
    protected override string GroupId => $"{ResourceNames.DeliveryWorker}-dispatch";

    protected override IReadOnlyList<string> Topics { get; } = [KafkaTopics.NotificationDispatch.Name];

    protected override async Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Type != DeliveryDispatched.EventType)
        {
            Logger.LogInformation("Skipping event {EventId} of type {EventType}: not one this worker handles", envelope.Id, envelope.Type);
            return;
        }

        var record = EventPayloads.Dispatched(envelope);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().ProcessAsync(record, KafkaTopics.NotificationDispatch.Name, cancellationToken);
    }
}
