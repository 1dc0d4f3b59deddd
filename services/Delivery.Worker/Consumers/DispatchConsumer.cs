using NotificationAspire.Contracts;
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
    : DeliveryAttemptConsumer(settings, publisher, scopes, time, logger)
{
    protected override string GroupId => $"{ResourceNames.DeliveryWorker}-dispatch";

    protected override IReadOnlyList<string> Topics { get; } = [KafkaTopics.NotificationDispatch.Name];
}
