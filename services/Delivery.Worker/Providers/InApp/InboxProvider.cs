using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Providers.InApp;

/// <summary>
/// Delivers in-app messages: the message becomes an <see cref="InAppMessageDelivered"/> event, and the broker
/// acknowledging it (all in-sync replicas) is the delivery; `inbox-api` puts it in the person's inbox. The event
/// id is the delivery key, so a send made again after a crash is the same event, which the inbox keeps once.
/// A broker that does not answer throws, and the attempt is retried like any provider's transient failure.
/// </summary>
public sealed class InboxProvider(IEventBus bus, TimeProvider time) : IChannelProvider
{
    public string Channel => Channels.InApp;

    public string Name => "inbox";

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (message.Origin is not { } origin)
        {
            return new ChannelSendResult.Rejected("An in-app message needs the notification and category it belongs to.");
        }
        var delivered = new InAppMessageDelivered(origin.NotificationId, message.DeliveryKey, origin.RecipientUserId, origin.Category,
            message.Subject, message.Body, message.Url, message.Locale, time.GetUtcNow());
        await bus.PublishAsync(delivered, new PublishOptions(EventId: message.DeliveryKey), cancellationToken);
        return new ChannelSendResult.Accepted(message.DeliveryKey);
    }
}
