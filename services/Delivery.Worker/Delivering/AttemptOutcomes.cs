namespace Delivery.Worker.Delivering;

/// <summary>How one try of a delivery ended, as it is written into <see cref="NotificationAspire.Contracts.Events.AttemptRecord.Outcome"/>.</summary>
public static class AttemptOutcomes
{
    /// <summary>The provider threw: it may work next time.</summary>
    public const string TransientFailure = "TransientFailure";

    /// <summary>The provider refused for good (or no provider serves the channel).</summary>
    public const string Rejected = "Rejected";

    /// <summary>The provider's protection held it back without trying; not counted as an attempt.</summary>
    public const string Deferred = "Deferred";
}
