using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// The benchmark's mail sink: real SMTP on the wire (the SmtpServer package), keeping only when each recipient's
/// message arrived. smtp4dev parses and stores every message for its web UI, which is what makes it slow.
/// </summary>
public sealed class CountingSmtpSink : MessageStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _arrivals = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private SmtpServer.SmtpServer? _server;
    private Task _running = Task.CompletedTask;
    private long _messages;

    public int Port { get; private set; }

    /// <summary>Messages accepted, copies included.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Recipients that got a second copy of a message.</summary>
    public long Duplicates => Messages - _arrivals.Count;

    public static CountingSmtpSink Start()
    {
        var sink = new CountingSmtpSink { Port = FreePort() };
        var options = new SmtpServerOptionsBuilder().ServerName("bench-sink")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, sink.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(sink);
        sink._server = new SmtpServer.SmtpServer(options, services);
        sink._running = sink._server.StartAsync(sink._stop.Token);
        return sink;
    }

    /// <summary>When the message to <paramref name="recipient"/> arrived, if it did.</summary>
    public DateTimeOffset? ArrivalOf(string recipient) => _arrivals.TryGetValue(recipient, out var at) ? at : null;

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
        CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var to in transaction.To)
        {
            _arrivals.TryAdd($"{to.User}@{to.Host}", now);
            Interlocked.Increment(ref _messages);
        }
        return Task.FromResult(SmtpResponse.Ok);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
