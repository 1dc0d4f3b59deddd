namespace NotificationAspire.Contracts;

/// <summary>
/// What one request may carry, agreed by the gateway (which answers 413 before proxying) and the APIs behind
/// it (which enforce it again for callers inside the cluster). One number, so the two can never disagree.
/// </summary>
public static class RequestLimits
{
    /// <summary>Largest request body in bytes: a hundred recipients with a 10,000-character body fit with room to spare.</summary>
    public const int MaxBodyBytes = 64 * 1024;
}
