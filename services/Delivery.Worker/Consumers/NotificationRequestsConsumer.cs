using Delivery.Worker.Delivering;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// The `delivery-worker` group on `notification-requests`: a <see cref="NotificationRequested"/> is fanned out
/// into one <see cref="DeliveryDispatched"/> per recipient, a <see cref="NotificationCancelled"/> stops the
/// notification's deliveries. Each event gets a fresh scope (a retry gets a clean DbContext, not one holding
/// the failed attempt).
/// </summary>
public sealed class NotificationRequestsConsumer(
    KafkaClientSettings settings,
    IEventPublisher publisher,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<NotificationRequestsConsumer> logger)
    : KafkaConsumerService(settings, publisher, time, logger)
{
    protected override string GroupId => ResourceNames.DeliveryWorker;

    protected override IReadOnlyList<string> Topics { get; } = [KafkaTopics.NotificationRequests.Name];

    protected override async Task HandleAsync(EventEnvelope envelope, string topic, CancellationToken cancellationToken)
    {
        switch (envelope.Type)
        {
            case NotificationRequested.EventType:
            {
                var request = EventPayloads.Requested(envelope);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RequestFanOut>().FanOutAsync(request, cancellationToken);
                break;
            }
            case NotificationCancelled.EventType:
            {
                var cancelled = EventPayloads.Cancelled(envelope);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CancellationRecorder>().RecordAsync(cancelled, cancellationToken);
                break;
            }
            default:
                // The topic may carry event types added after this worker was built; they are not ours to act on.
                Logger.LogInformation("Skipping event {EventId} of type {EventType}: not one this worker handles", envelope.Id, envelope.Type);
                break;
        }
    }
}
