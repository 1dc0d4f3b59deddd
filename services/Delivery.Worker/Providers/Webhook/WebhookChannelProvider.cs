using Delivery.Worker.Recipients;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Webhooks;

namespace Delivery.Worker.Providers.Webhook;

/// <summary>
/// The `webhook` channel: the notification posted, signed per Standard Webhooks, to every endpoint of the person
/// at once. `webhook-id` is the delivery key, so every retry of a delivery carries the same id and receivers dedupe
/// on it. Per endpoint: 2xx took it; 410 disables the endpoint (reported to preferences-api); 3xx (redirects are
/// not followed), other 4xx and a target the SSRF guard refuses (before any connection) are refusals; 429, 5xx,
/// timeouts and connection errors may pass later. As for push, one endpoint that took it makes the send accepted;
/// otherwise anything that may pass later is thrown (the worker's retry tiers, with backoff), else it is refused.
/// </summary>
public sealed class WebhookChannelProvider(WebhookSender sender, IGoneContacts? gone = null, ILogger<WebhookChannelProvider>? logger = null)
    : IChannelProvider
{
    /// <summary>The start of the refusal when every endpoint answered 410, so whoever reads the attempt can tell why.</summary>
    public const string GoneReason = "The webhook endpoint answered 410 Gone and is disabled";

    public string Channel => KnownChannels.Webhook;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (WebhookContact.Read(message.Contact) is not { } endpoints)
        {
            return new ChannelSendResult.Rejected("The contact is not a list of webhook endpoints (id, url, secret).");
        }
        var body = WebhookPayload.For(message);
        var outcomes = await Task.WhenAll(endpoints.Select(e => SendOneAsync(message, e, body, cancellationToken)));

        var accepted = outcomes.Count(o => o is WebhookOutcome.Delivered);
        if (accepted > 0)
        {
            // A retry would post again to the endpoints that took it (they would dedupe); the others miss this one.
            return new ChannelSendResult.Accepted($"{accepted} of {endpoints.Count} webhook endpoints");
        }
        if (outcomes.OfType<WebhookOutcome.RetryLater>().ToList() is { Count: > 0 } later)
        {
            throw new WebhookRetryException(string.Join("; ", later.Select(l => l.Reason)), later.Max(l => l.RetryAfter));
        }
        var refusals = outcomes.OfType<WebhookOutcome.Failed>().Select(f => f.Reason).ToList();
        return refusals.Count == 0
            ? new ChannelSendResult.Rejected($"{GoneReason} (all {endpoints.Count} of the person's endpoints).")
            : new ChannelSendResult.Rejected($"The webhook was refused: {string.Join("; ", refusals)}");
    }

    private async Task<WebhookOutcome> SendOneAsync(OutgoingMessage message, WebhookEndpointContact endpoint, byte[] body, CancellationToken ct)
    {
        if (!WebhookSecret.TryParse(endpoint.Secret, out var secret) || !Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url))
        {
            return new WebhookOutcome.Failed($"endpoint {endpoint.Id} has no usable URL or secret");
        }
        var outcome = await sender.SendAsync(url, message.DeliveryKey, body, [secret], ct);
        if (outcome is WebhookOutcome.Gone)
        {
            logger?.LogInformation("Webhook endpoint {EndpointId} of {UserId} answered 410 Gone", endpoint.Id, message.Origin?.RecipientUserId);
            if (gone is not null && message.Origin is { } origin)
            {
                await gone.ReportAsync(GoneContact.WebhookEndpoint, origin.RecipientUserId, endpoint.Id, ct);
            }
        }
        return outcome;
    }
}

/// <summary>No endpoint took the webhook and at least one may later (429, 5xx, a timeout, no connection): the attempt is retried.</summary>
public sealed class WebhookRetryException(string reasons, TimeSpan? retryAfter)
    : Exception($"The webhook may pass later: {reasons}.")
{
    /// <summary>The longest wait a receiver asked for, if any. The retry tiers decide when; this is for the record.</summary>
    public TimeSpan? RetryAfter => retryAfter;
}
