using NotificationAspire.Webhooks;

namespace Notifications.Api.Webhooks;

/// <summary>`POST /api/webhooks/endpoints`'s body.</summary>
public sealed record RegisterWebhookEndpoint(string? Url, IReadOnlyList<string?>? Events);

/// <summary>
/// Checks a registration field by field; the URL as every webhook target is checked (<see cref="WebhookUrl"/>).
/// </summary>
public static class WebhookEndpointValidator
{
    public const int MaxUrlLength = WebhookUrl.MaxLength;

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
        foreach (var problem in WebhookUrl.Problems(url, options.AllowPlainHttp, guard))
        {
            errors.Add("url", problem);
        }
    }
}
