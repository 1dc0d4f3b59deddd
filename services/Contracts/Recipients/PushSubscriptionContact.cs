namespace NotificationAspire.Contracts.Recipients;

/// <summary>
/// One browser's push subscription as the worker needs it: where to POST (RFC 8030) and the keys to encrypt for
/// (RFC 8291, base64url). <see cref="Id"/> is preferences-api's, so a subscription the push service calls gone
/// can be reported and removed.
/// </summary>
public sealed record PushSubscriptionContact(Guid Id, string Endpoint, string P256dh, string Auth);

/// <summary>What a person may keep: one subscription per browser or device, a handful is plenty.</summary>
public static class PushSubscriptionLimits
{
    public const int MaxPerPerson = 20;

    /// <summary>Push services' endpoints are a few hundred characters; this leaves room without inviting abuse.</summary>
    public const int MaxEndpointLength = 2048;
}
