namespace Preferences.Api.Model;

/// <summary>
/// An HTTP endpoint a person's notifications on the `webhook` channel are posted to, registered by the person or
/// for them. The secret is kept as shown (`whsec_...`), as notifications-api keeps its status webhooks' secrets:
/// signing needs the key itself, a hash would not do. It is shown once, when the endpoint is registered.
/// </summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; init; }
    public required string UserId { get; init; }
    public required string Url { get; init; }
    public required string Secret { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set when the receiver answered 410 Gone: nothing more is sent to it; it stays listed so the person sees why.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }

    public void Disable(string reason, DateTimeOffset now) => (DisabledAt, DisabledReason) = (now, reason);
}
