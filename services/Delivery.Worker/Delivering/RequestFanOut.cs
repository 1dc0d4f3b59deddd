using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Whenever a notification is requested, each recipient gets a delivery of its own on `notification-dispatch`.
/// Nothing is sent here, so a request with many recipients never holds its partition while one of them is
/// slow, and a redelivered request only dispatches records that the delivery rows then recognise.
/// </summary>
public sealed class RequestFanOut(DispatchPublisher dispatches, ILogger<RequestFanOut> logger) : IIntegrationEventHandler<NotificationRequested>
{
    public async Task HandleAsync(NotificationRequested request, EventContext context, CancellationToken cancellationToken)
    {
        var records = request.Recipients
            .Select(r => new DeliveryDispatched(request.NotificationId, DeliveryKeys.For(request.NotificationId, r.UserId, request.Channel ?? Channels.Email),
                r.UserId, r.Contact, request.Channel ?? Channels.Email, request.Subject, request.Body, request.CorrelationKey,
                Attempt: 1, NotBefore: null, History: []))
            // One person listed twice is still one delivery.
            .DistinctBy(r => r.DeliveryKey)
            .ToList();

        // The idempotent producer keeps them in order per partition; waiting on all at once saves a round trip each.
        await Task.WhenAll(records.Select(r => dispatches.DispatchAsync(r, cancellationToken)));
        logger.LogInformation("Dispatched notification {NotificationId} to {DeliveryCount} deliveries on {Channel}",
            request.NotificationId, records.Count, request.Channel);
    }
}
