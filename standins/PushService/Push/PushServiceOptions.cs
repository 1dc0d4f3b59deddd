namespace NotificationAspire.Standins.PushService.Push;

/// <summary>
/// `PushService`: the application server key subscriptions were made with (the VAPID public key, base64url).
/// A real push service ties each subscription to the key the page subscribed with and refuses pushes signed by
/// another; empty accepts any correctly signed key.
/// </summary>
public sealed class PushServiceOptions
{
    public const string SectionName = "PushService";

    public string ApplicationServerKey { get; set; } = "";
}
