namespace Delivery.Worker.Digesting;

/// <summary>
/// One person's digest on one channel under one key: open from its first item for the requested window, then
/// released as ONE delivery whose key (<see cref="DeliveryKey"/>) is derived from the window, so releasing it again
/// after a crash is the same delivery. At most one window per person, channel and key is open (a unique index).
/// </summary>
public sealed class DigestWindow
{
    /// <summary><see cref="NotificationAspire.Contracts.DeliveryKeys.ForDigest"/> of this window: the digest's own delivery key.</summary>
    public required string DeliveryKey { get; init; }
    public required string RecipientUserId { get; init; }
    public required string Channel { get; init; }
    public required string DigestKey { get; init; }
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; init; }

    /// <summary>When the digest was handed to the dispatch topic; null while the window collects.</summary>
    public DateTimeOffset? ReleasedAt { get; private set; }

    public bool IsOpen => ReleasedAt is null;

    public void Release(DateTimeOffset now) => ReleasedAt = now;
}
