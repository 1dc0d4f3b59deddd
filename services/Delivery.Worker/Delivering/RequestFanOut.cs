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
        // A channel the sender named is used as named; otherwise every channel is a candidate, and each delivery
        // decides against the category's defaults and the person's choices (Skipped, with the reason, if not).
        // Several named channels: all of them, or (first-success) the first, carrying the rest as its fallback.
        var firstSuccess = request.Channels is { Count: > 1 } && request.Strategy != ChannelStrategies.All;
        IReadOnlyList<string> channels = request.Channels is { Count: > 0 } named ? (firstSuccess ? [named[0]] : named)
            : request.Channel is { } chosen ? [chosen] : Channels.UnnamedSendCandidates;
        IReadOnlyList<string>? fallback = firstSuccess ? [.. request.Channels!.Skip(1)] : null;
        var records = request.Recipients
            .SelectMany(r => channels.Select(channel => new DeliveryDispatched(request.NotificationId,
                DeliveryKeys.For(request.NotificationId, r.UserId, channel), r.UserId, r.Contact, channel, request.Subject, request.Body,
                request.CorrelationKey, Attempt: 1, NotBefore: null, History: [])
            {
                Category = request.Category,
                ChannelChosenBySender = request.Channel is not null || request.Channels is not null,
                Fallback = fallback,
                SendTime = request.SendTime,
                Digest = request.Digest,
                Template = request.Template,
                TemplateData = request.TemplateData,
            }))
            // One person listed twice is still one delivery.
            .DistinctBy(r => r.DeliveryKey)
            .ToList();

        // The idempotent producer keeps them in order per partition; waiting on all at once saves a round trip each.
        await Task.WhenAll(records.Select(r => dispatches.DispatchAsync(r, cancellationToken)));
        logger.LogInformation("Dispatched notification {NotificationId} ({Category}) to {DeliveryCount} deliveries on {Channels}",
            request.NotificationId, request.Category, records.Count, string.Join(",", channels));
    }
}
