using System.Net.Http.Headers;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// The sending client's bearer token on every request, fetched again every minute in the background. The realm's
/// tokens live five minutes (`accessTokenLifespan` 300 in notifications-realm.json), and one platform outlives many
/// phases: a full run once measured 401s from its tenth minute on and reported them as the platform refusing its
/// load. Fetched off the request path, so no measured request waits for the identity provider.
/// </summary>
public sealed class SenderToken : DelegatingHandler
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private readonly Func<Task<string>> _fetch;
    private readonly CancellationTokenSource _stop = new();
    private volatile string _current;

    private SenderToken(Func<Task<string>> fetch, string first, HttpMessageHandler inner) : base(inner) => (_fetch, _current) = (fetch, first);

    public static async Task<SenderToken> StartAsync(Func<Task<string>> fetch, HttpMessageHandler inner)
    {
        var token = new SenderToken(fetch, await fetch(), inner);
        _ = token.RefreshAsync();
        return token;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _current);
        return base.SendAsync(request, cancellationToken);
    }

    private async Task RefreshAsync()
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    _current = await _fetch();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    // The current token still has four minutes; the next tick tries again.
                    Console.WriteLine($"bench: the sender's token was not renewed this minute: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }
}
