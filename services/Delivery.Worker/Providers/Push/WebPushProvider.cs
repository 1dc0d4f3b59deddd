using System.Net;
using System.Text.Json;
using Delivery.Worker.Recipients;
using Lib.Net.Http.WebPush.Authentication;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Push;

/// <summary>
/// Web push (RFC 8030) with Lib.Net.Http.WebPush to every browser the person subscribed: the payload (title, body,
/// url as JSON) encrypted for each subscription (RFC 8291, aes128gcm), the request signed with the VAPID key
/// (RFC 8292), TTL and urgency by category. 404 and 410 mean a subscription is gone: it is reported for removal.
/// One browser that took the message makes the send accepted; all gone, or all refused, is refused for good; a
/// push service error with nothing taken is thrown, so the attempt is retried.
/// </summary>
public sealed class WebPushProvider(PushServiceClient client, IOptions<WebPushOptions> options, IGoneContacts? gone = null,
    ILogger<WebPushProvider>? logger = null) : IChannelProvider
{
    public const string ProviderName = "webpush";

    /// <summary>The start of the refusal for gone subscriptions, so whoever reads the attempt can tell why.</summary>
    public const string GoneReason = "The push subscription is gone";

    public string Channel => KnownChannels.Push;

    public string Name => ProviderName;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (PushContact.Read(message.Contact) is not { } targets)
        {
            return new ChannelSendResult.Rejected("The contact is not a push subscription (endpoint, keys.p256dh, keys.auth).");
        }
        var payload = JsonSerializer.Serialize(new { title = message.Subject, body = message.Body, url = message.Url });
        var (ttl, urgency) = PushDelivery.For(options.Value, message.Origin?.Category);
        // Topic unset: a later message must not replace this one at the push service.
        var push = new PushMessage(payload) { TimeToLive = (int)ttl.TotalSeconds, Urgency = urgency };
        var vapid = new VapidAuthentication(options.Value.PublicKey, options.Value.PrivateKey) { Subject = options.Value.Subject };

        int accepted = 0, goneCount = 0;
        var refusals = new List<string>();
        Exception? lastError = null;
        foreach (var target in targets)
        {
            try
            {
                await client.RequestPushMessageDeliveryAsync(target.Subscription, push, vapid, cancellationToken);
                accepted++;
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                goneCount++;
                await ReportGoneAsync(message, target, ex.StatusCode, cancellationToken);
            }
            catch (PushServiceClientException ex) when ((int)ex.StatusCode is >= 400 and < 500 and not 408 and not 429)
            {
                // A payload too large, a bad key: the same request would get the same answer.
                refusals.Add($"HTTP {(int)ex.StatusCode} {ex.Message}");
            }
            catch (Exception ex) when (ex is PushServiceClientException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                lastError = ex;
            }
        }

        if (accepted > 0)
        {
            // A retry would push again to the browsers that took it; the others are lost for this message.
            return new ChannelSendResult.Accepted($"{accepted} of {targets.Count} subscriptions");
        }
        if (lastError is not null)
        {
            throw lastError;
        }
        return refusals.Count == 0
            ? new ChannelSendResult.Rejected($"{GoneReason} (all {goneCount} of the person's subscriptions answered 404/410 and are removed).")
            : new ChannelSendResult.Rejected($"The push service refused the message: {string.Join("; ", refusals)}");
    }

    private async Task ReportGoneAsync(OutgoingMessage message, PushTarget target, HttpStatusCode status, CancellationToken ct)
    {
        logger?.LogInformation("Push subscription {SubscriptionId} of {UserId} is gone (HTTP {Status})", target.Id, message.Origin?.RecipientUserId, (int)status);
        if (gone is not null && target.Id is { } id && message.Origin is { } origin)
        {
            await gone.ReportAsync(GoneContact.PushSubscription, origin.RecipientUserId, id, ct);
        }
    }
}
