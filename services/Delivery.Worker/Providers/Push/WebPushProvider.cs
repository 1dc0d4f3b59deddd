using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Providers.Push;

/// <summary>
/// Web push (RFC 8030) with Lib.Net.Http.WebPush: the payload (title, body, url as JSON) encrypted for the
/// browser's subscription (RFC 8291, aes128gcm), the request signed with the VAPID key (RFC 8292), TTL and
/// urgency by category. The contact is the browser's `PushSubscription.toJSON()` as stored. 404 and 410 mean
/// the subscription is gone: refused for good, with a reason that says so; other push-service errors are thrown.
/// </summary>
public sealed class WebPushProvider(PushServiceClient client, IOptions<WebPushOptions> options) : IChannelProvider
{
    public const string ProviderName = "webpush";

    /// <summary>The start of the refusal for a gone subscription, so whoever keeps subscriptions can remove it.</summary>
    public const string GoneReason = "The push subscription is gone";

    public string Channel => KnownChannels.Push;

    public string Name => ProviderName;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (ReadSubscription(message.Contact) is not { } subscription)
        {
            return new ChannelSendResult.Rejected("The contact is not a push subscription (endpoint, keys.p256dh, keys.auth).");
        }
        var payload = JsonSerializer.Serialize(new { title = message.Subject, body = message.Body, url = message.Url });
        var (ttl, urgency) = DeliveryOf(message.Origin?.Category);
        var push = new PushMessage(payload) { TimeToLive = (int)ttl.TotalSeconds, Urgency = urgency };
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, push, Vapid(), cancellationToken);
            return new ChannelSendResult.Accepted(null);
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return new ChannelSendResult.Rejected($"{GoneReason} (HTTP {(int)ex.StatusCode}).");
        }
    }

    private VapidAuthentication Vapid() =>
        new(options.Value.PublicKey, options.Value.PrivateKey) { Subject = options.Value.Subject };

    private (TimeSpan Ttl, PushMessageUrgency Urgency) DeliveryOf(string? category)
    {
        var settings = options.Value;
        var own = category is null ? null : settings.Categories.GetValueOrDefault(category);
        var urgency = own?.Urgency switch
        {
            "very-low" => PushMessageUrgency.VeryLow,
            "low" => PushMessageUrgency.Low,
            "high" => PushMessageUrgency.High,
            _ => PushMessageUrgency.Normal,
        };
        return (own?.TimeToLive ?? settings.TimeToLive, urgency);
    }

    private static PushSubscription? ReadSubscription(string contact)
    {
        try
        {
            using var json = JsonDocument.Parse(contact);
            var root = json.RootElement;
            var endpoint = root.GetProperty("endpoint").GetString();
            var keys = root.GetProperty("keys");
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            {
                return null;
            }
            return new PushSubscription
            {
                Endpoint = endpoint,
                Keys = new Dictionary<string, string>
                {
                    ["p256dh"] = keys.GetProperty("p256dh").GetString()!,
                    ["auth"] = keys.GetProperty("auth").GetString()!,
                },
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
