namespace Preferences.Api.WebhookEndpoints;

/// <summary>`POST .../webhook-endpoints`: where the person's notifications are to be posted.</summary>
public sealed record WebhookEndpointRequest(string? Url);

/// <summary>An endpoint as read back: never its secret, which only registration shows.</summary>
public sealed record WebhookEndpointView(Guid Id, string Url, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public static WebhookEndpointView From(Model.WebhookEndpoint e) => new(e.Id, e.Url, e.CreatedAt, e.DisabledAt, e.DisabledReason);
}

/// <summary>The one answer that carries the signing secret (`whsec_...`): the registration's.</summary>
public sealed record RegisteredWebhookEndpoint(Guid Id, string Url, DateTimeOffset CreatedAt, string Secret);
