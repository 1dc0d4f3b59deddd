using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using NotificationAspire.Bench.Platform;
using NotificationAspire.TestSupport;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// Calls the gateway as a company's service would (the sending client's own token), over one connection pool, and
/// remembers when each notification was accepted, so its arrival at the sink gives its end-to-end latency.
/// </summary>
public sealed class PlatformClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, Acceptance> _accepted = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.Ordinal);

    private PlatformClient(HttpClient http) => _http = http;

    public static async Task<PlatformClient> ConnectAsync(BenchPlatform platform)
    {
        var connections = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var http = new HttpClient(await SenderToken.StartAsync(() => platform.GetTokenAsync(BenchPlatform.Sender), connections))
        {
            BaseAddress = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new PlatformClient(http);
    }

    /// <summary>Notifications accepted so far.</summary>
    public int Accepted => _accepted.Count;

    /// <summary>Where each accepted notification went.</summary>
    public IEnumerable<string> AcceptedAddresses => _accepted.Keys;

    /// <summary>The address the notification with this sequence number goes to: how the sink tells them apart.</summary>
    public string AddressOf(string phase, long sequence) => $"{phase}-{sequence}-{_run}@bench.example";

    /// <summary>Sends one email notification; true when the platform accepted it (202).</summary>
    public async Task<bool> SendAsync(string phase, long sequence)
    {
        var address = AddressOf(phase, sequence);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications")
        {
            // The same body the end-to-end tests send: one email, the contact given inline.
            Content = JsonContent.Create(PlatformApi.EmailTo(address, $"Benchmark {sequence}", $"Notification {sequence} of phase {phase}.", userId: $"{phase}-{sequence}")),
        };
        request.Headers.Add("Idempotency-Key", $"{address}");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _refusals.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
            return false;
        }
        using var answered = response;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            _refusals.AddOrUpdate($"{(int)response.StatusCode}", 1, (_, n) => n + 1);
            return false;
        }
        _accepted[address] = new Acceptance(DateTimeOffset.UtcNow, response.Headers.Location);
        return true;
    }

    /// <summary>
    /// What the platform says of the notification to <paramref name="address"/>: its status and its latest attempt, as
    /// its sender would read them. A notification missing at the sink is a finding only with this beside it (a refusal
    /// by the sink is an honest Failed; one still Accepted is the pipeline's).
    /// </summary>
    public async Task<string> StatusOfAsync(string address)
    {
        if (!_accepted.TryGetValue(address, out var acceptance) || acceptance.Location is not { } location)
        {
            return $"{address}: no Location in its acceptance";
        }
        try
        {
            var view = await _http.GetFromJsonAsync<StatusView>(location);
            var last = view?.Attempts.LastOrDefault();
            return last is null ? $"{location}: {view?.Status}, no attempt yet"
                : $"{location}: {view!.Status}, latest attempt {last.AttemptNumber} {last.State}{(last.Error is null ? "" : $" ({last.Error})")}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"{location}: status not read ({ex.Message})";
        }
    }

    /// <summary>Why sends were not accepted so far (status code or exception), and how often: printed, since a refusal is a finding.</summary>
    public string Refusals => _refusals.IsEmpty ? "none" : string.Join(", ", _refusals.OrderBy(r => r.Key).Select(r => $"{r.Key} x{r.Value}"));

    /// <summary>When the notification to <paramref name="address"/> was accepted, if it was.</summary>
    public DateTimeOffset? AcceptedAt(string address) => _accepted.TryGetValue(address, out var acceptance) ? acceptance.At : null;

    /// <summary>
    /// A request the gateway authenticates and proxies and the API authenticates and routes, without any database:
    /// a path no route of notifications-api matches, answered 404 before any handler runs.
    /// </summary>
    public async Task<bool> CallWithoutIoAsync()
    {
        using var response = await _http.GetAsync("/api/notifications/ceiling");
        return response.StatusCode == HttpStatusCode.NotFound;
    }

    /// <summary>Any other call of the sending client (topics, subscribers, profiles), with a JSON body; the caller reads and disposes the answer.</summary>
    public async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>When the platform accepted a notification, and where its status is (the 202's Location).</summary>
    private sealed record Acceptance(DateTimeOffset At, Uri? Location);

    // The parts of Notifications.Api's NotificationView the benchmark reads.
    private sealed record StatusView(string Status, IReadOnlyList<AttemptView> Attempts);

    private sealed record AttemptView(int AttemptNumber, string State, string? Error);
}
