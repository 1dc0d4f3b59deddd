using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Calls the platform through its gateway (with <see cref="PlatformApi"/>) the way a well-behaved client does
/// while parts of it restart: a transport error, a timeout, 429 or a 5xx is tried again after a short backoff
/// (sends carry an Idempotency-Key, so that is safe), and an expired token is fetched again.
/// </summary>
public sealed class ResilientCaller(PlatformFixture platform, Func<PlatformFixture, Task<string>> acquireToken)
{
    /// <summary>Tokens are fetched again well before the realm's shortest lifetime.</summary>
    private static readonly TimeSpan TokenMaxAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(2);

    private readonly PlatformApi _api = new(platform);
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private CachedToken? _token;
    private int _retries;

    /// <summary>Calls that were tried again (all callers together).</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Sends one request until it gets an answer that is not transient; returns the status and the JSON body (if any).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpMethod method, string path, Func<HttpContent?>? content = null,
        string? idempotencyKey = null)
    {
        var until = DateTime.UtcNow + CallDeadline;
        var backoff = TimeSpan.FromMilliseconds(250);
        string last;
        while (true)
        {
            var token = await TokenAsync();
            try
            {
                using var response = await _api.SendAsync(method, path, token, content?.Invoke(), idempotencyKey);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    ForgetToken(token); // expired, or the identity provider was not reachable for the gateway
                    last = "401";
                }
                else if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    last = $"{(int)response.StatusCode}";
                }
                else
                {
                    var text = await response.Content.ReadAsStringAsync();
                    var body = text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
                    return (response.StatusCode, body);
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
            {
                last = "timeout";
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{method} {path} kept failing for {CallDeadline}; last: {last}");
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(backoff); // backoff between tries, not an assertion
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 2000));
        }
    }

    public async Task<Guid> SendNotificationAsync(object body, string idempotencyKey)
    {
        var (status, answer) = await CallAsync(HttpMethod.Post, "/api/notifications", () => JsonContent.Create(body), idempotencyKey);
        if (status is not (HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Created))
        {
            throw new InvalidOperationException($"Sending {idempotencyKey} answered {(int)status}: {answer}");
        }
        return answer.GetProperty("id").GetGuid();
    }

    /// <summary>The notification's status as its sender sees it.</summary>
    public async Task<string> StatusOfAsync(Guid id)
    {
        var (status, answer) = await CallAsync(HttpMethod.Get, $"/api/notifications/{id}");
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET notification {id} answered {(int)status}: {answer}");
        }
        return answer.GetProperty("status").GetString()!;
    }

    private async Task<string> TokenAsync()
    {
        if (Volatile.Read(ref _token) is { } current && DateTime.UtcNow - current.FetchedAt < TokenMaxAge)
        {
            return current.Token;
        }
        await _tokenLock.WaitAsync();
        try
        {
            if (Volatile.Read(ref _token) is { } fresh && DateTime.UtcNow - fresh.FetchedAt < TokenMaxAge)
            {
                return fresh.Token;
            }
            var token = await acquireToken(platform);
            Volatile.Write(ref _token, new CachedToken(token, DateTime.UtcNow));
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private void ForgetToken(string token)
    {
        if (Volatile.Read(ref _token) is { } current && current.Token == token)
        {
            Interlocked.CompareExchange(ref _token, null, current);
        }
    }

    private sealed record CachedToken(string Token, DateTime FetchedAt);
}
