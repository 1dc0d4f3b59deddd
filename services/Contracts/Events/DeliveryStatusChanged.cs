namespace NotificationAspire.Contracts.Events;

/// <summary>
/// What happened to one delivery (one notification, recipient and channel). The worker publishes it to
/// <see cref="KafkaTopics.NotificationStatus"/>; the command side and the inbox build their views from it.
/// </summary>
public sealed record DeliveryStatusChanged(
    Guid NotificationId,
    string DeliveryKey,
    string RecipientUserId,
    string Channel,
    string State,
    int AttemptNumber,
    string? Error,
    DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public static string EventType => "io.notificationaspire.delivery.status-changed";

    public static KafkaTopic Topic => KafkaTopics.NotificationStatus;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>By notification: its deliveries' changes arrive in the order they happened.</summary>
    public string PartitionKey => NotificationId.ToString();

    public string? MissingFields() =>
        NotificationId != Guid.Empty && !string.IsNullOrEmpty(DeliveryKey) && !string.IsNullOrEmpty(RecipientUserId) && !string.IsNullOrEmpty(State)
            ? null
            : "notificationId, deliveryKey, recipientUserId and state are required";

    /// <summary>
    /// Sends of this delivery whose worker stopped before recording the provider's answer, and which were made
    /// again. Each may have reached the recipient too: more than 0 means a second copy is possible. Added after
    /// version 1 was published; absent means 0.
    /// </summary>
    public int InterruptedSends { get; init; }

    /// <summary>
    /// Set when `preferences-api` could not answer and the worker went by the person's preferences as fetched at
    /// this time (opt-outs in them still held). Added after version 1 was published; absent means current ones.
    /// </summary>
    public DateTimeOffset? PreferencesCachedAt { get; init; }

    /// <summary>The provider that took (or refused) the message on this attempt: `smtp`, `twilio`, `vonage`. Added after version 1.</summary>
    public string? Provider { get; init; }

    /// <summary>Providers this attempt failed over from before <see cref="Provider"/>, each with its error. Added after version 1.</summary>
    public IReadOnlyList<string>? FailedOver { get; init; }

    /// <summary>Parts an SMS was sent as (GSM-7: 160 characters or 153 per part; UCS-2: 70 or 67). Added after version 1.</summary>
    public int? Segments { get; init; }
}

/// <summary>States a delivery reports. Delivered, Failed, Cancelled and Skipped are final.</summary>
public static class DeliveryStates
{
    public const string Delivered = "Delivered";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";

    /// <summary>Deliberately not sent: the person opted out, or the channel is not one of the category's (the Error says which).</summary>
    public const string Skipped = "Skipped";

    /// <summary>A transient failure; the next attempt is scheduled on a retry tier (the Error says why).</summary>
    public const string Retrying = "Retrying";

    /// <summary>Held back (a rate limit, an open circuit, quiet hours, preferences unreachable), not failed; it goes out when allowed.</summary>
    public const string Waiting = "Waiting";

    /// <summary>The sender asked for a later time (`sendAt`, or `sendAtLocal` in the person's zone); it goes out then, unless cancelled.</summary>
    public const string Scheduled = "Scheduled";

    /// <summary>Collected in the person's digest (the Error names it and when it goes out); ends as the digest ends.</summary>
    public const string Digested = "Digested";

    public static bool IsFinal(string state) => state is Delivered or Failed or Cancelled or Skipped;
}

/// <summary>Channels the platform delivers on: email, SMS, web push, webhook, and in-app (the person's inbox in `inbox-api`).</summary>
public static class Channels
{
    public const string Email = "email";

    /// <summary>A text message to the person's E.164 phone number, through the first SMS provider that takes it.</summary>
    public const string Sms = Recipients.KnownChannels.Sms;

    /// <summary>An item in the person's inbox, addressed by their user id (no contact needed).</summary>
    public const string InApp = Recipients.KnownChannels.InApp;

    /// <summary>Web push (RFC 8030) to every browser subscription the person registered in `preferences-api`.</summary>
    public const string Push = Recipients.KnownChannels.Push;

    /// <summary>A signed HTTP POST (Standard Webhooks) to every webhook endpoint the person has in `preferences-api`.</summary>
    public const string Webhook = Recipients.KnownChannels.Webhook;

    /// <summary>The channels a sender may name.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal) { Email, Sms, Push, Webhook, InApp };

    /// <summary>
    /// The candidates of a send that names no channel. In-app is not among them yet: the fan-out does not know the
    /// category's default channels, so every such send would report an in-app delivery Skipped beside its email.
    /// A sender names `in-app` to reach the inbox (docs/cqrs.md).
    /// </summary>
    public static IReadOnlyList<string> UnnamedSendCandidates { get; } = [Email];
}

/// <summary>How a send naming several channels uses them.</summary>
public static class ChannelStrategies
{
    /// <summary>In order, until one delivers: the next is tried when one fails for good or is skipped (no contact, an opt-out).</summary>
    public const string FirstSuccess = "first-success";

    /// <summary>Every channel, each once.</summary>
    public const string All = "all";

    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal) { FirstSuccess, All };
}
