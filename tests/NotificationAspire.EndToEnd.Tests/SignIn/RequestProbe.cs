using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NotificationAspire.EndToEnd.Tests.SignIn;

/// <summary>
/// An HTTP listener on a loopback port that answers 200 to everything and keeps each request's headers, keyed by
/// its <c>X-Probe-Id</c> header: what a service behind the gateway would have received.
/// </summary>
public sealed class RequestProbe : IDisposable
{
    public const string IdHeader = "X-Probe-Id";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, WebHeaderCollection> _received = new(StringComparer.Ordinal);

    public RequestProbe()
    {
        var port = FreePort();
        Address = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Address);
        _listener.Start();
        _ = Task.Run(AnswerAsync);
    }

    public string Address { get; }

    /// <summary>The headers of the request with this probe id, or null if none arrived.</summary>
    public WebHeaderCollection? Received(string probeId) => _received.TryGetValue(probeId, out var headers) ? headers : null;

    private async Task AnswerAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var headers = new WebHeaderCollection();
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                headers.Add(name, context.Request.Headers[name]);
            }
            if (context.Request.Headers[IdHeader] is { } id)
            {
                _received[id] = headers;
            }
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }
        _listener.Close();
    }
}
