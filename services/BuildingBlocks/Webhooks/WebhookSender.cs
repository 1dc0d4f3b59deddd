using System.Net;
using System.Net.Http.Headers;

namespace NotificationAspire.Webhooks;

/// <summary>How one webhook call ended, in the terms the spec gives the sender.</summary>
public abstract record WebhookOutcome
{
    /// <summary>Any 2xx.</summary>
    public sealed record Delivered(int Status) : WebhookOutcome;

    /// <summary>429, 5xx or a timeout: try again later (no sooner than <paramref name="RetryAfter"/> when the receiver said).</summary>
    public sealed record RetryLater(string Reason, TimeSpan? RetryAfter) : WebhookOutcome;

    /// <summary>410: the receiver wants no more; the endpoint is to be disabled.</summary>
    public sealed record Gone : WebhookOutcome;

    /// <summary>Any other answer, 3xx included (redirects are never followed), or a refused target.</summary>
    public sealed record Failed(string Reason) : WebhookOutcome;
}

/// <summary>
/// Posts one signed Standard Webhooks message. The id is the caller's (the delivery key), so every retry
/// carries the same `webhook-id` and receivers dedupe on it; the timestamp and signatures are of this attempt.
/// The handler follows no redirects, reads at most a small answer, and connects only through the
/// <see cref="SsrfGuard"/>.
/// </summary>
public sealed class WebhookSender(HttpClient http, TimeProvider time)
{
    public const int MaxAnswerBytes = 4096;

    /// <summary>The client webhooks are sent with: the guard in the connect callback, no redirects, no proxies, a 15 s timeout.</summary>
    public static HttpClient CreateClient(SsrfGuard guard, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        ConnectCallback = guard.ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1), // names are resolved (and vetted) again at least this often
    })
    { Timeout = timeout, MaxResponseContentBufferSize = MaxAnswerBytes };

    public async Task<WebhookOutcome> SendAsync(Uri endpoint, string id, byte[] body, IReadOnlyList<WebhookSecret> secrets, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.IdHeader, id);
        var now = time.GetUtcNow();
        request.Headers.Add(WebhookSignature.TimestampHeader, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(id, now, body, secrets));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new WebhookOutcome.Delivered(status),
                (int)HttpStatusCode.Gone => new WebhookOutcome.Gone(),
                (int)HttpStatusCode.TooManyRequests or >= 500 => new WebhookOutcome.RetryLater($"HTTP {status}", RetryAfterOf(response, now)),
                >= 300 and < 400 => new WebhookOutcome.Failed($"HTTP {status}: redirects are not followed"),
                _ => new WebhookOutcome.Failed($"HTTP {status}"),
            };
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookTargetRefusedException refused)
        {
            return new WebhookOutcome.Failed(refused.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome.RetryLater("timeout", null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookOutcome.RetryLater(ex.Message, null);
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };
}
