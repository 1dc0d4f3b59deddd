namespace NotificationAspire.Contracts.Recipients;

/// <summary>
/// One HTTP endpoint a person's notifications are posted to, as the worker needs it: where, and the `whsec_` secret
/// the messages are signed with (Standard Webhooks). <see cref="Id"/> is preferences-api's, so an endpoint that
/// answers 410 Gone can be reported and disabled.
/// </summary>
public sealed record WebhookEndpointContact(Guid Id, string Url, string Secret);

/// <summary>What a person may keep: a few systems of their own that take their notifications.</summary>
public static class WebhookEndpointLimits
{
    public const int MaxPerPerson = 10;
}
