using Delivery.Worker.Data;
using Delivery.Worker.Model;
using Delivery.Worker.Providers;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Delivers a requested notification to each recipient at most once per channel, however often Kafka
/// hands us the request. Per delivery: a final record is only announced again; otherwise the attempt is
/// recorded before the send and its outcome after it, then announced on `notification-status`.
/// The Kafka offset is committed only after this returns, i.e. after every outcome is durable.
/// </summary>
/// <remarks>
/// One window remains: a crash after the provider accepted a message but before Delivered is saved. The
/// record then says Sending, the request is redelivered, and the message goes out a second time. Email
/// carries a Message-ID derived from the delivery key in both sends, so receiving systems can drop the copy.
/// Closing the window for good would need the provider to take part in our transaction, which SMTP cannot.
/// </remarks>
public sealed class DeliveryProcessor(
    DeliveryDbContext db,
    IEnumerable<IChannelProvider> providers,
    IEventPublisher publisher,
    TimeProvider time,
    ILogger<DeliveryProcessor> logger)
{
    public async Task DeliverAsync(NotificationRequested request, CancellationToken cancellationToken)
    {
        foreach (var recipient in request.Recipients)
        {
            var delivery = await DeliverToAsync(request, recipient, cancellationToken);
            await publisher.PublishAsync(KafkaTopics.NotificationStatus.Name, delivery.ToStatusEvent(), cancellationToken);
        }
    }

    /// <summary>Brings one delivery to a final state, durably; throws when it should be tried again later.</summary>
    private async Task<RecipientDelivery> DeliverToAsync(NotificationRequested request, RecipientAddress recipient, CancellationToken ct)
    {
        var key = DeliveryKeys.For(request.NotificationId, recipient.UserId, request.Channel);
        var delivery = await db.Deliveries.FindAsync([key], ct);
        if (delivery is { IsFinal: true })
        {
            logger.LogInformation("Delivery {DeliveryKey} is already {DeliveryState}; announcing it again without sending", key, delivery.State);
            return delivery;
        }

        if (delivery is null)
        {
            delivery = new RecipientDelivery
            {
                DeliveryKey = key,
                NotificationId = request.NotificationId,
                RecipientUserId = recipient.UserId,
                Channel = request.Channel,
                Contact = recipient.Contact,
                CreatedAt = time.GetUtcNow(),
            };
            db.Deliveries.Add(delivery);
        }

        var provider = providers.FirstOrDefault(p => p.Channel == request.Channel);
        if (provider is null)
        {
            delivery.MarkFailed($"No provider delivers on channel '{request.Channel}'.", time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return delivery;
        }

        // Durable before the send: after a crash we know an attempt may have reached the provider.
        delivery.BeginAttempt(time.GetUtcNow());
        await db.SaveChangesAsync(ct);

        ChannelSendResult result;
        try
        {
            result = await provider.SendAsync(new OutgoingMessage(key, delivery.Contact, request.Subject, request.Body), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Remember why, for whoever looks at the row; the consumer retries the whole request.
            await RecordTransientErrorAsync(delivery, ex);
            throw;
        }

        switch (result)
        {
            case ChannelSendResult.Accepted accepted:
                delivery.MarkDelivered(accepted.ProviderMessageId, time.GetUtcNow());
                logger.LogInformation("Delivered {DeliveryKey} on attempt {Attempt}", key, delivery.AttemptCount);
                break;
            case ChannelSendResult.Rejected rejected:
                delivery.MarkFailed(rejected.Reason, time.GetUtcNow());
                logger.LogWarning("Delivery {DeliveryKey} failed for good on attempt {Attempt}: {Reason}", key, delivery.AttemptCount, rejected.Reason);
                break;
        }
        // Not cancellable: the provider has answered, and losing that answer would mean sending again.
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery;
    }

    /// <summary>Best effort: when the database is what failed, the send's own error is the one worth retrying on.</summary>
    private async Task RecordTransientErrorAsync(RecipientDelivery delivery, Exception error)
    {
        try
        {
            delivery.RecordTransientError($"{error.GetType().Name}: {error.Message}", time.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the transient error of {DeliveryKey}", delivery.DeliveryKey);
        }
    }
}
