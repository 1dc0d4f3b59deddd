namespace Notifications.Api.Model;

/// <summary>
/// One status event for one endpoint, recorded in the transaction that projected the status, and sent until the
/// receiver takes it or the attempts run out. <see cref="Id"/> is its `webhook-id` on every attempt.
/// </summary>
public sealed class WebhookMessage
{
    /// <summary>`msg_` and a hash of the endpoint and the status event: the same event never makes two messages.</summary>
    public required string Id { get; init; }
    public Guid EndpointId { get; init; }
    public Guid NotificationId { get; init; }
    public required string EventType { get; init; }

    /// <summary>The JSON body exactly as signed and sent, every attempt the same bytes.</summary>
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public WebhookMessageState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>When it is due; while a dispatcher holds it, the end of its lease (a crashed dispatcher's message comes due again).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public enum WebhookMessageState
{
    Pending,
    Delivered,

    /// <summary>An answer that retrying cannot change (3xx, 4xx other than 429, 410, a refused target).</summary>
    Failed,

    /// <summary>The attempts ran out, or the endpoint was disabled while it waited.</summary>
    Abandoned,
}
