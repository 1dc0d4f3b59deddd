namespace Delivery.Worker.Providers.Push;

/// <summary>
/// `WebPush`: the VAPID key pair (RFC 8292; base64url, public 65 bytes, private 32) the AppHost passes as secret
/// parameters, the contact push services may reach the operator at, and per-category TTL and urgency.
/// </summary>
public sealed class WebPushOptions
{
    public const string SectionName = "WebPush";

    public string? PublicKey { get; set; }
    public string? PrivateKey { get; set; }
    public string Subject { get; set; } = "mailto:operators@notificationaspire.local";

    /// <summary>How long the push service may take to answer before the send counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a push service keeps a message for an offline device, unless the category says otherwise.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>`Categories:{key}`: a security alert is urgent and short-lived, a newsletter neither.</summary>
    public Dictionary<string, PushCategory> Categories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsConfigured => !string.IsNullOrEmpty(PublicKey) && !string.IsNullOrEmpty(PrivateKey);
}

public sealed class PushCategory
{
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>RFC 8030 §5.3: very-low, low, normal, high.</summary>
    public string? Urgency { get; set; }
}
