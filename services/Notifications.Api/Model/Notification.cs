namespace Notifications.Api.Model;

/// <summary>A request to tell one or more people something, tracked until every delivery is final.</summary>
public sealed class Notification
{
    public Guid Id { get; init; }

    /// <summary>Who asked: the calling client's id (`azp`) for services, the user's `sub` otherwise.</summary>
    public required string SenderId { get; init; }

    public required string Channel { get; init; }
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public string? TemplateKey { get; init; }
    public string? TemplateDataJson { get; init; }
    public string? CorrelationKey { get; init; }

    /// <summary>The caller's Idempotency-Key and a hash of the body it came with, to tell a retry from a conflict.</summary>
    public string? IdempotencyKey { get; init; }
    public string? RequestHash { get; init; }

    public NotificationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<NotificationRecipient> Recipients { get; init; } = [];
    public List<DeliveryAttempt> Attempts { get; init; } = [];
}

public enum NotificationStatus
{
    Accepted,
    Dispatched,
    Delivered,
    PartiallyDelivered,
    Failed,
}
