using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.StatusWebhooks;

/// <summary>
/// A sender's webhook receiver in the test process, on <see cref="Address"/>, the one address the fixture
/// allow-lists (127.0.0.1 stays refused, so a test can prove it). It keeps every request's raw body and headers,
/// answers each path from a script, and verifies signatures the way the published scheme says, with its own code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Address = PlatformFixture.WebhookReceiverAddress;

    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Func<int, int>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> attemptsPerId = new(StringComparer.Ordinal);
    private readonly Task loop;

    public WebhookReceiver()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://{Address}:{Port}/");
        listener.Start();
        loop = Task.Run(ListenAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string UrlFor(string path) => $"http://{Address}:{Port}{path}";

    /// <summary>How <paramref name="path"/> answers the nth attempt (1-based) of each webhook-id; 204 when not scripted.</summary>
    public void Answer(string path, Func<int, int> statusForAttempt) => scripts[path] = statusForAttempt;

    public sealed record Received(string Path, string Id, string Timestamp, string Signature, byte[] Body, int AnsweredWith, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Type => Json.GetProperty("type").GetString()!;

        public Guid NotificationId => Json.GetProperty("data").GetProperty("notificationId").GetGuid();

        public string[] Signatures => Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Standard Webhooks, written from the spec rather than with the platform's code: base64 HMAC-SHA256 of
    /// `{id}.{timestamp}.{raw body}` keyed with the base64 after `whsec_`, matching one of the `v1,` entries; the
    /// timestamp within 5 minutes of now.
    /// </summary>
    public static bool Verifies(Received request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.").Concat(request.Body).ToArray();
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(request.Timestamp)) <= 300;
        return fresh && request.Signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    public IReadOnlyList<Received> For(Guid notificationId) => [.. Requests.Where(r => r.NotificationId == notificationId)];

    private async Task ListenAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var id = context.Request.Headers["webhook-id"] ?? "";
            var attempt = attemptsPerId.AddOrUpdate(id, 1, (_, n) => n + 1);
            var path = context.Request.Url!.AbsolutePath;
            var status = scripts.TryGetValue(path, out var script) ? script(attempt) : 204;
            Requests.Enqueue(new Received(path, id, context.Request.Headers["webhook-timestamp"] ?? "",
                context.Request.Headers["webhook-signature"] ?? "", body.ToArray(), status, DateTimeOffset.UtcNow));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Parse(Address), 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
