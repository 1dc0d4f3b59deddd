using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Delivery.Worker.Tests.Providers.Webhook;

/// <summary>
/// A receiver on loopback (a webhook endpoint, a push service, an SMS API) that answers each request with the next scripted status line and headers,
/// and keeps every request's headers and raw body (so signatures are checked on exactly the bytes received).
/// </summary>
internal sealed class ScriptedReceiver : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Queue<string> answers = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int connections;

    public ScriptedReceiver(params string[] answers)
    {
        foreach (var answer in answers)
        {
            this.answers.Enqueue(answer);
        }
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hooks");

    public int Connections => Volatile.Read(ref connections);

    public List<(Dictionary<string, string> Headers, byte[] Body)> Requests { get; } = [];

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            using (client)
            {
                var stream = client.GetStream();
                var (headers, body) = await ReadRequestAsync(stream);
                lock (Requests)
                {
                    Requests.Add((headers, body));
                }
                // An answer is a status line and headers, optionally a blank line and a body.
                var answer = (answers.Count > 0 ? answers.Dequeue() : "200 OK").Split("\r\n\r\n", 2);
                var content = Encoding.UTF8.GetBytes(answer.Length > 1 ? answer[1] : "");
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {answer[0]}\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(content);
            }
        }
    }

    /// <summary>Byte by byte up to the blank line, then exactly Content-Length bytes: a binary body (an encrypted push) stays intact.</summary>
    private static async Task<(Dictionary<string, string>, byte[])> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }
            head.Add(one[0]);
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Encoding.ASCII.GetString([.. head]).Split("\r\n").Skip(1).Where(l => l.Contains(':')))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = new byte[int.Parse(headers.GetValueOrDefault("Content-Length", "0"))];
        await stream.ReadExactlyAsync(body);
        return (headers, body);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
