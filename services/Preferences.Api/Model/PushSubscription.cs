namespace Preferences.Api.Model;

/// <summary>
/// One browser's web push subscription (its `PushSubscription.toJSON()`), kept for a person. The endpoint is
/// the push service's address for that browser; registering the same endpoint again replaces its keys, as a
/// browser does when it renews a subscription.
/// </summary>
public sealed class PushSubscription
{
    public Guid Id { get; init; }
    public required string UserId { get; init; }
    public required string Endpoint { get; init; }

    /// <summary>The browser's P-256 public key, base64url of the 65-byte uncompressed point (RFC 8291 §3.1).</summary>
    public required string P256dh { get; set; }

    /// <summary>The browser's 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }

    /// <summary>When the browser said it expires (milliseconds since the epoch, as `expirationTime`), or null.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
