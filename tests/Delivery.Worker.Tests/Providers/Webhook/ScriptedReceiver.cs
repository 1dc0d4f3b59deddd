using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Delivery.Worker.Tests.Providers.Webhook;

/// <summary>
/// A webhook receiver on loopback that answers each request with the next scripted status line and headers,
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
                var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                await reader.ReadLineAsync();
                for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
                {
                    var colon = line.IndexOf(':');
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                var body = new char[int.Parse(headers.GetValueOrDefault("Content-Length", "0"))];
                await reader.ReadBlockAsync(body);
                lock (Requests)
                {
                    Requests.Add((headers, Encoding.ASCII.GetBytes(body)));
                }
                var answer = answers.Count > 0 ? answers.Dequeue() : "200 OK";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {answer}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
