namespace Notifications.Api.Model;

/// <summary>
/// A delivery the worker gave up on, as it arrived on `notification-dlq`: why, what was tried, and the
/// dispatch record itself so an operator can replay it once the cause is fixed.
/// </summary>
public sealed class DeadLetter
{
    /// <summary>The dead-letter record's CloudEvents id; a redelivered record is recognised and ignored.</summary>
    public required string Id { get; init; }
    public required string DeliveryKey { get; init; }
    public Guid? NotificationId { get; init; }
    public string? RecipientUserId { get; init; }
    public string? Channel { get; init; }
    public required string Reason { get; init; }
    public required string AttemptsJson { get; init; }
    public required string EventType { get; init; }
    public required string PayloadJson { get; init; }
    public DateTimeOffset DeadLetteredAt { get; init; }

    /// <summary>Set when an operator replayed it; a second replay of the same letter changes nothing.</summary>
    public DateTimeOffset? ReplayedAt { get; set; }
    public string? ReplayedBy { get; set; }
}
