using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Model;

/// <summary>A request to tell one or more people something, tracked until every delivery is final.</summary>
public sealed class Notification
{
    public Guid Id { get; init; }

    /// <summary>Who asked: the calling client's id (`azp`) for services, the user's `sub` otherwise.</summary>
    public required string SenderId { get; init; }

    /// <summary>The channel the sender chose; null means the category's default channels, which the worker resolves.</summary>
    public string? Channel { get; init; }

    /// <summary>Several channels the sender named, in order, instead of <see cref="Channel"/>; null otherwise.</summary>
    public string[]? Channels { get; init; }

    /// <summary>With <see cref="Channels"/>: `first-success` or `all`.</summary>
    public string? Strategy { get; init; }

    /// <summary>What kind of notification this is; the worker applies the category's channels, opt-outs and quiet hours.</summary>
    public required string Category { get; init; }

    /// <summary>The sender's own text; null for a template send.</summary>
    public string? Subject { get; init; }
    public string? Body { get; init; }

    /// <summary>
    /// The template version the send pinned, rendered per recipient by the worker. Notifications accepted before
    /// templates had versions have a key, no version, and the text rendered at the time in Subject and Body.
    /// </summary>
    public string? TemplateKey { get; init; }
    public int? TemplateVersion { get; init; }
    public string? TemplateDataJson { get; init; }
    public string? CorrelationKey { get; init; }

    /// <summary>When the sender wants it delivered: one instant, or (<see cref="SendAtLocal"/>) a wall-clock time in each recipient's zone; both null means now.</summary>
    public DateTimeOffset? SendAt { get; init; }
    public DateTime? SendAtLocal { get; init; }

    public SendTime? SendTime => SendAt is null && SendAtLocal is null ? null : new SendTime(SendAt, SendAtLocal);

    /// <summary>The latest instant any of its deliveries falls due (a local time comes last to UTC-12); null when sent at once.</summary>
    public DateTimeOffset? DueBy { get; init; }

    /// <summary>The caller's Idempotency-Key and a hash of the body it came with, to tell a retry from a conflict.</summary>
    public string? IdempotencyKey { get; init; }
    public string? RequestHash { get; init; }

    public NotificationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The last time anything happened to it: the reconciler's measure of "stuck".</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>How often the reconciler had to publish it again because nothing moved.</summary>
    public int RedriveCount { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }

    public List<NotificationRecipient> Recipients { get; init; } = [];
    public List<DeliveryAttempt> Attempts { get; init; } = [];
}

public enum NotificationStatus
{
    Accepted,
    Dispatched,

    /// <summary>At least one delivery failed for now and is scheduled for another attempt.</summary>
    Retrying,

    /// <summary>At least one delivery is held back by a rate limit or an open circuit.</summary>
    Waiting,

    /// <summary>Every delivery not yet final waits for the time the sender asked for (`sendAt`, `sendAtLocal`).</summary>
    Scheduled,

    Delivered,
    PartiallyDelivered,
    Failed,
    Cancelled,

    /// <summary>Every delivery was deliberately not sent (opted out, or no channel of the category): nothing failed.</summary>
    Skipped,
}

public static class NotificationStatusExtensions
{
    public static bool IsFinal(this NotificationStatus status) => status is NotificationStatus.Delivered
        or NotificationStatus.PartiallyDelivered or NotificationStatus.Failed or NotificationStatus.Cancelled or NotificationStatus.Skipped;

    public static readonly NotificationStatus[] InFlight =
        [NotificationStatus.Accepted, NotificationStatus.Dispatched, NotificationStatus.Retrying, NotificationStatus.Waiting, NotificationStatus.Scheduled];
}
