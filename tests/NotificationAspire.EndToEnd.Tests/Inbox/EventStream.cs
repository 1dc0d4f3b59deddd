using System.Net.Http.Headers;
using System.Text;

namespace NotificationAspire.EndToEnd.Tests.Inbox;

/// <summary>One server-sent event as a client reads it.</summary>
public sealed record ServerSentEvent(string? Id, string Type, string Data, DateTimeOffset ReceivedAt);

/// <summary>
/// A text/event-stream connection through the gateway, read as a browser's EventSource would (the WHATWG format:
/// `event:`, `id:`, `data:` lines, a blank line ending each event, `:` comments ignored).
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpClient http, HttpResponseMessage response, StreamReader reader) => (_http, _response, _reader) = (http, response, reader);

    public HttpResponseMessage Response => _response;

    public static async Task<EventStream> OpenAsync(PlatformFixture platform, string path, string token, string? lastEventId = null,
        HttpMethod? method = null, HttpContent? content = null)
    {
        var http = new HttpClient { BaseAddress = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http"), Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(connect.Token), Encoding.UTF8);
        return new EventStream(http, response, reader);
    }

    /// <summary>The next event satisfying <paramref name="match"/> (others are skipped), or a timeout naming <paramref name="what"/>.</summary>
    public async Task<ServerSentEvent> NextAsync(Func<ServerSentEvent, bool> match, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            while (true)
            {
                var next = await ReadEventAsync(timeout.Token) ?? throw new InvalidOperationException($"The stream ended before {what}.");
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No {what} on the stream within {deadline}.");
        }
    }

    private async Task<ServerSentEvent?> ReadEventAsync(CancellationToken ct)
    {
        string? id = null;
        var type = "message";
        var data = new StringBuilder();
        var any = false;
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new ServerSentEvent(id, type, data.ToString(), DateTimeOffset.UtcNow);
                }
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "event": type = value; any = true; break;
                case "id": id = value; any = true; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); any = true; break;
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        await Task.CompletedTask;
    }
}
