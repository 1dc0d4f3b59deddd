using System.Text.Json.Nodes;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;

namespace NotificationAspire.Contracts.Events;

/// <summary>
/// One delivery (a notification to one recipient on one channel) ready to be attempted. The worker fans a
/// <see cref="NotificationRequested"/> out into these on <see cref="KafkaTopics.NotificationDispatch"/>, keyed
/// by recipient so one partition sees one person's messages in order; retries travel as the same record on
/// a retry tier with <see cref="Attempt"/> and <see cref="NotBefore"/> moved on; a dead letter is this record.
/// Who the person is (address, locale, time zone, preferences) is looked up at each attempt, not carried here:
/// a change of mind between the send and the attempt counts, and an erased profile leaves nothing behind.
/// </summary>
/// <param name="Contact">The sender's inline address, or null to use the person's profile.</param>
/// <param name="Subject">The sender's own text, or null when <see cref="Template"/> is rendered instead.</param>
public sealed record DeliveryDispatched(
    Guid NotificationId,
    string DeliveryKey,
    string RecipientUserId,
    string? Contact,
    string Channel,
    string? Subject,
    string? Body,
    string? CorrelationKey,
    int Attempt,
    DateTimeOffset? NotBefore,
    IReadOnlyList<AttemptRecord> History,
    string? ReplayId = null) : IIntegrationEvent, IScheduledEvent
{
    public static string EventType => "io.notificationaspire.delivery.dispatched";

    public static KafkaTopic Topic => KafkaTopics.NotificationDispatch;

    public int SchemaVersion { get; init; } = 1;

    /// <summary>By recipient: one person's messages keep their order.</summary>
    public string PartitionKey => RecipientUserId;

    /// <summary>Added after version 1; absent means general.</summary>
    public string Category { get; init; } = NotificationCategories.General;

    /// <summary>The sender named this channel; otherwise it is a candidate the category's defaults and the person's choices decide on.</summary>
    public bool ChannelChosenBySender { get; init; } = true;

    public TemplateContent? Template { get; init; }

    public JsonObject? TemplateData { get; init; }

    /// <summary>
    /// A first-success send's channels still to try, in order, when this one fails for good or is skipped; the
    /// worker then dispatches the first of them. Added after version 1; absent means none.
    /// </summary>
    public IReadOnlyList<string>? Fallback { get; init; }

    /// <summary>Not before this time (the sender's `sendAt` or `sendAtLocal`); null means now. Added after version 1.</summary>
    public SendTime? SendTime { get; init; }

    /// <summary>Collect this delivery into the person's digest for this key (<see cref="DigestRequest"/>). Added after version 1.</summary>
    public DigestRequest? Digest { get; init; }

    /// <summary>
    /// Set on a digest itself: the items it lists (the first <see cref="DigestItemsListed"/> collected); <see cref="Template"/>
    /// is then the digest template, or null for the platform's plain list. Added after version 1.
    /// </summary>
    public IReadOnlyList<DigestItem>? DigestItems { get; init; }

    /// <summary>How many items the digest collected, listed or not (its template's `count`).</summary>
    public int DigestCount { get; init; }

    public const int DigestItemsListed = 50;

    public string? MissingFields() =>
        NotificationId != Guid.Empty && !string.IsNullOrEmpty(DeliveryKey) && !string.IsNullOrEmpty(RecipientUserId)
            && !string.IsNullOrEmpty(Channel) && !string.IsNullOrEmpty(Category)
            && (Template is not null || (Subject is not null && Body is not null) || DigestItems is { Count: > 0 }) && Attempt >= 1
            ? null
            : "notificationId, deliveryKey, recipientUserId, channel, category, a template or subject and body, and an attempt of at least 1 are required";
}

/// <summary>One earlier try of a delivery and how it ended (a provider error, a deferral, a rejection).</summary>
public sealed record AttemptRecord(int Attempt, DateTimeOffset At, string Outcome, string? Error);
