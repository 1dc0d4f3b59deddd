using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// The benchmark's mail sink: real SMTP on the wire (RFC 5321, as much as MailKit uses without extensions), keeping
/// only when each recipient's message arrived. smtp4dev parses and stores every message for its web UI, which is
/// what makes it slow.
/// </summary>
/// <remarks>
/// The project's own server rather than a library's: the SmtpServer package answered 3 of 6,000 messages in one
/// phase of a full run with an empty 554 (its DATA command turns any exception into that reply and drops the
/// exception), which the worker rightly took as a permanent refusal, and the run then waited for mail that would
/// never come. A benchmark's sink must not refuse mail: this one accepts every complete message, and a connection
/// it cannot follow is closed (the worker retries), never answered with a refusal.
/// </remarks>
public sealed class CountingSmtpSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _arrivals = new(StringComparer.OrdinalIgnoreCase);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;
    private long _messages;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Messages accepted, copies included.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Recipients that got a second copy of a message.</summary>
    public long Duplicates => Messages - _arrivals.Count;

    public static CountingSmtpSink Start()
    {
        var sink = new CountingSmtpSink();
        sink._listener.Start(backlog: 512);
        sink._accepting = Task.Run(sink.AcceptAsync);
        return sink;
    }

    /// <summary>When the message to <paramref name="recipient"/> arrived, if it did.</summary>
    public DateTimeOffset? ArrivalOf(string recipient) => _arrivals.TryGetValue(recipient, out var at) ? at : null;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One connection: any number of transactions (the worker keeps its connections), each MAIL, RCPT..., DATA.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        connection.NoDelay = true;
        var stream = connection.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        var recipients = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 bench-sink ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 bench-sink");
                        break;
                    case "MAIL" or "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "RCPT":
                        recipients.Add(AddressIn(line));
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        // The body ends at a line holding one dot; a line of the body that starts with a dot was sent
                        // with a second one (RFC 5321, 4.5.2), so it never equals ".".
                        while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                        {
                        }
                        Arrived(recipients);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 accepted");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 command not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up, or the benchmark is over.
        }
    }

    private void Arrived(List<string> recipients)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var to in recipients)
        {
            _arrivals.TryAdd(to, now);
            Interlocked.Increment(ref _messages);
        }
    }

    /// <summary>The mailbox in `RCPT TO:&lt;someone@example&gt; PARAMS`.</summary>
    private static string AddressIn(string line)
    {
        var open = line.IndexOf('<');
        var close = line.IndexOf('>', open + 1);
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':') + 1)..].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
