namespace Delivery.Worker.Providers;

/// <summary>
/// Sends on one channel through one provider (an SMTP relay, Twilio, Vonage). A provider returns the outcome
/// of a send it is sure about and throws for anything that may pass on a retry or through another provider.
/// </summary>
public interface IChannelProvider
{
    /// <summary>One of <see cref="NotificationAspire.Contracts.Events.Channels"/>.</summary>
    string Channel { get; }

    /// <summary>
    /// The provider's name in configuration (`Delivery:Channels:{channel}:Providers`) and in attempts; a channel's
    /// only provider may simply be named for its channel.
    /// </summary>
    string Name => Channel;

    Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>What to send to whom. The delivery key lets a provider give receivers something to dedupe on.</summary>
/// <param name="Body">Plain text; empty when the message is HTML only.</param>
public sealed record OutgoingMessage(string DeliveryKey, string Contact, string Subject, string Body)
{
    public string? HtmlBody { get; init; }

    /// <summary>The template variant's locale (the message's language), when rendered from a template.</summary>
    public string? Locale { get; init; }

    /// <summary>The one-click unsubscribe link (RFC 8058); null for critical categories, which people cannot leave.</summary>
    public Uri? UnsubscribeUrl { get; init; }

    /// <summary>Where an in-app item leads when opened (the template's in-app url), or null.</summary>
    public string? Url { get; init; }

    /// <summary>What the message is about, for channels that keep it (the inbox groups and counts by category).</summary>
    public MessageOrigin? Origin { get; init; }
}

/// <summary>The notification a message belongs to, and its category.</summary>
public sealed record MessageOrigin(Guid NotificationId, string RecipientUserId, string Category);

/// <summary>A send the provider is sure about: taken for delivery, or refused for good.</summary>
public abstract record ChannelSendResult
{
    /// <summary>The provider that gave this answer (set by <see cref="Failover.ProviderFailover"/>).</summary>
    public string? Provider { get; init; }

    /// <summary>Providers tried before it in this attempt, each with why it was passed over ("twilio: HTTP 503").</summary>
    public IReadOnlyList<string> FailedOver { get; init; } = [];

    /// <summary>The provider took the message; its id for it, when it gives one.</summary>
    public sealed record Accepted(string? ProviderMessageId) : ChannelSendResult
    {
        /// <summary>Parts an SMS was billed as (GSM-7: 160 characters, or 153 per part; UCS-2: 70, or 67); null on other channels.</summary>
        public int? Segments { get; init; }
    }

    /// <summary>Retrying would get the same answer (unknown mailbox, unreadable address).</summary>
    public sealed record Rejected(string Reason) : ChannelSendResult;

    /// <summary>
    /// Not sent, and not failed: held back (a rate limit, an open circuit) until <paramref name="NotBefore"/>.
    /// It does not use up an attempt; the delivery shows as Waiting with the reason.
    /// </summary>
    public sealed record Deferred(string Reason, DateTimeOffset NotBefore) : ChannelSendResult
    {
        /// <summary>One of <see cref="Protection.DeferralReasons"/>: a provider's own limit is passed over to the next provider, the person's is not.</summary>
        public string? Cause { get; init; }
    }
}
