namespace Preferences.Api.PushSubscriptions;

/// <summary>A browser's `PushSubscription.toJSON()`, as the page posts it.</summary>
/// <param name="ExpirationTime">Milliseconds since the epoch (a DOMHighResTimeStamp), or null when it does not expire.</param>
public sealed record PushSubscriptionRequest(string? Endpoint, double? ExpirationTime, PushSubscriptionKeys? Keys);

/// <summary>The subscription's keys, base64url as browsers give them.</summary>
public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>A subscription as read back. Its keys are not shown: nobody but the sender needs them again.</summary>
/// <param name="ExpirationTime">As registered: milliseconds since the epoch, or null.</param>
public sealed record PushSubscriptionView(Guid Id, string Endpoint, double? ExpirationTime, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static PushSubscriptionView From(Model.PushSubscription s) =>
        new(s.Id, s.Endpoint, s.ExpiresAt?.ToUnixTimeMilliseconds(), s.CreatedAt, s.UpdatedAt);
}
