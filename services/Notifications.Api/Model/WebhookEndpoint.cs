using NotificationAspire.Webhooks;

namespace Notifications.Api.Model;

/// <summary>
/// A URL a sender registered to be told about its notifications' delivery status, with the secret its messages
/// are signed with. The secret is kept as shown (`whsec_...`): signing needs the key itself, a hash would not do.
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; init; }

    /// <summary>The sender whose notifications it hears about, and the only caller that sees or changes it.</summary>
    public required string SenderId { get; init; }
    public required string Url { get; init; }

    /// <summary>Event types it receives (`message.delivered`, ...).</summary>
    public string[] Events { get; init; } = [];
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, which keeps signing beside the new one until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set when the receiver answered 410 Gone: nothing more is sent to it.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }

    public bool Hears(string eventType) => DisabledAt is null && Events.Contains(eventType, StringComparer.Ordinal);

    /// <summary>A new secret; the old one signs as well for <paramref name="overlap"/>, so receivers can switch without losing a message.</summary>
    public WebhookSecret RotateSecret(DateTimeOffset now, TimeSpan overlap)
    {
        var next = WebhookSecret.New();
        (PreviousSecret, PreviousSecretExpiresAt, Secret) = (Secret, now + overlap, next.ToString());
        return next;
    }

    /// <summary>The secrets a message sent now is signed with: the current one, and the previous one during a rotation.</summary>
    public IReadOnlyList<WebhookSecret> SigningSecrets(DateTimeOffset now)
    {
        var secrets = new List<WebhookSecret>();
        foreach (var text in new[] { Secret, PreviousSecretExpiresAt > now ? PreviousSecret : null })
        {
            if (WebhookSecret.TryParse(text, out var secret))
            {
                secrets.Add(secret);
            }
        }
        return secrets;
    }

    public void Disable(string reason, DateTimeOffset now) => (DisabledAt, DisabledReason) = (now, reason);
}
