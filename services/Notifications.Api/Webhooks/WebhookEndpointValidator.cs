using System.Net;
using NotificationAspire.Webhooks;

namespace Notifications.Api.Webhooks;

/// <summary>`POST /api/webhooks/endpoints`'s body.</summary>
public sealed record RegisterWebhookEndpoint(string? Url, IReadOnlyList<string?>? Events);

/// <summary>
/// Checks a registration field by field. An address literal the SSRF guard would refuse is refused here already,
/// with the reason; a name is vetted each time a message is sent, since what it resolves to can change.
/// </summary>
public static class WebhookEndpointValidator
{
    public const int MaxUrlLength = 2000;

    public static FieldErrors Validate(RegisterWebhookEndpoint request, WebhookOptions options, SsrfGuard guard)
    {
        var errors = new FieldErrors();
        ValidateUrl(request.Url, options, guard, errors);
        if (request.Events is not { Count: > 0 } events)
        {
            errors.Add("events", $"At least one event type: {string.Join(", ", WebhookEventTypes.All)}.");
            return errors;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } type || !WebhookEventTypes.All.Contains(type))
            {
                errors.Add($"events[{i}]", $"Unknown event type '{events[i]}'. Known: {string.Join(", ", WebhookEventTypes.All)}.");
            }
            else if (!seen.Add(type))
            {
                errors.Add($"events[{i}]", $"'{type}' is listed more than once.");
            }
        }
        return errors;
    }

    private static void ValidateUrl(string? url, WebhookOptions options, SsrfGuard guard, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !TextRules.IsSingleLine(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            errors.Add("url", $"An absolute https URL of at most {MaxUrlLength} characters is required.");
            return;
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && options.AllowPlainHttp))
        {
            errors.Add("url", options.AllowPlainHttp ? "The URL must be http or https." : "The URL must be https: payloads and signatures travel over TLS.");
        }
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add("url", "No user name, password or fragment in the URL; authenticate the messages by their signature.");
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && guard.RefusalFor(address) is { } refusal)
        {
            errors.Add("url", $"Webhooks may not target {refusal}.");
        }
    }
}
