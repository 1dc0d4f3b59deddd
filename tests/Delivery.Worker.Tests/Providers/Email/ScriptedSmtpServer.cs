using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Delivery.Worker.Tests.Providers.Email;

/// <summary>
/// A minimal SMTP server on loopback whose replies can be held back: how a slow or hung mail server looks
/// to the worker, which a real development sink cannot be made to do on cue. It speaks just enough of
/// RFC 5321 for MailKit (greeting, EHLO, MAIL, RCPT, DATA, NOOP, QUIT) and counts the messages it accepted.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _accepted;

    public ScriptedSmtpServer()
    {
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How long the greeting is held back (infinite: never sent, a dead server behind a live proxy).</summary>
    public TimeSpan GreetingDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the reply to a message's end is held back (the server writing it down).</summary>
    public TimeSpan MessageReplyDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the reply to MAIL FROM is held back.</summary>
    public TimeSpan MailFromReplyDelay { get; set; } = TimeSpan.Zero;

    public int AcceptedMessages => Volatile.Read(ref _accepted);

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ConverseAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            await Task.Delay(GreetingDelay, _stop.Token);
            await writer.WriteLineAsync("220 scripted ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-scripted");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "MAIL":
                        await Task.Delay(MailFromReplyDelay, _stop.Token);
                        await writer.WriteLineAsync("250 sender ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }
                        await Task.Delay(MessageReplyDelay, _stop.Token);
                        Interlocked.Increment(ref _accepted);
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default: // RCPT, NOOP, RSET
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client hung up or the test is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
