using NotificationAspire.Webhooks;

namespace Notifications.Api.Webhooks;

/// <summary>What to do with a message after an attempt, and with its endpoint.</summary>
public abstract record WebhookDecision
{
    public sealed record Delivered : WebhookDecision;

    public sealed record RetryAt(DateTimeOffset Due, string Reason) : WebhookDecision;

    /// <summary>Final for this message: <paramref name="State"/> says whether it failed or the attempts ran out.</summary>
    public sealed record Stop(Model.WebhookMessageState State, string Reason) : WebhookDecision;

    /// <summary>410: this message and every other one waiting for the endpoint stop, and the endpoint is disabled.</summary>
    public sealed record DisableEndpoint(string Reason) : WebhookDecision;
}

/// <summary>
/// Retries with exponential backoff and jitter on what may pass (429, 5xx, a timeout, a failed connection), never
/// sooner than the receiver's Retry-After, up to <see cref="WebhookOptions.MaxAttempts"/>; anything else is final.
/// </summary>
public static class WebhookRetryPolicy
{
    /// <param name="attempts">Attempts made, the one that just ended included.</param>
    /// <param name="jitter">A number in [0, 1): spreads retries by ±20% so that receivers back from an outage are not hit all at once.</param>
    public static WebhookDecision Decide(WebhookOutcome outcome, int attempts, WebhookOptions options, DateTimeOffset now, double jitter) => outcome switch
    {
        WebhookOutcome.Delivered => new WebhookDecision.Delivered(),
        WebhookOutcome.Gone => new WebhookDecision.DisableEndpoint("HTTP 410 Gone: the receiver asked for no more messages"),
        WebhookOutcome.Failed(var reason) => new WebhookDecision.Stop(Model.WebhookMessageState.Failed, reason),
        WebhookOutcome.RetryLater(var reason, _) when attempts >= options.MaxAttempts =>
            new WebhookDecision.Stop(Model.WebhookMessageState.Abandoned, $"gave up after {attempts} attempts; last: {reason}"),
        WebhookOutcome.RetryLater(var reason, var retryAfter) => new WebhookDecision.RetryAt(now + Delay(attempts, retryAfter, options, jitter), reason),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown webhook outcome."),
    };

    /// <summary>FirstRetryDelay × 2^(attempts-1), ±20%, at least the receiver's Retry-After, at most MaxRetryDelay.</summary>
    public static TimeSpan Delay(int attempts, TimeSpan? retryAfter, WebhookOptions options, double jitter)
    {
        var doublings = Math.Min(attempts - 1, 30);
        var backoff = Math.Min(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, doublings), options.MaxRetryDelay.TotalMilliseconds);
        var delay = TimeSpan.FromMilliseconds(backoff * (0.8 + 0.4 * jitter));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked;
        }
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }
}
