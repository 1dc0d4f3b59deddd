using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Throttling;

/// <summary>What the throttle makes of a message over its category's limit; pure, so each rule is pinned by a unit test.</summary>
public static class ThrottleRule
{
    /// <param name="sentInPeriod">Messages of the category this person got on this channel within the period, this one not counted.</param>
    /// <returns>Null to send it; otherwise the digest to collect it in, or the reason it is dropped.</returns>
    public static (DigestRequest? Digest, string? DropReason)? Excess(CategoryThrottle? throttle, string category, string channel, int sentInPeriod)
    {
        if (throttle is not { Limit: > 0 } || sentInPeriod < throttle.Limit)
        {
            return null;
        }
        var limit = $"at most {throttle.Limit} '{category}' messages per {throttle.Period} on {channel}";
        return throttle.Excess == ThrottleExcess.Drop
            ? (null, $"Throttled: {limit}; this one was dropped.")
            // The window cannot exceed a digest's longest; a longer period is still throttled, its excess sent a day later.
            : (new DigestRequest($"throttle:{category}", throttle.Period < DigestRequest.MaxWindow ? throttle.Period : DigestRequest.MaxWindow), null);
    }
}
