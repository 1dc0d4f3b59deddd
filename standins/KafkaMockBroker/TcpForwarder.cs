using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NotificationAspire.Standins.KafkaMockBroker;

/// <summary>
/// Accepts connections on a fixed port and pipes each one to a target endpoint.
/// </summary>
/// <remarks>
/// librdkafka's mock brokers only listen on ephemeral ports, while the AppHost needs a port
/// it chose in advance. Kafka connections are long-lived and multiplexed by the client, so
/// a plain byte pipe per connection is all that is needed; both directions are copied
/// concurrently and the pair is torn down as soon as either side closes, so neither end
/// keeps a half-dead connection that librdkafka would only notice on its next request.
/// </remarks>
internal sealed class TcpForwarder(IPEndPoint listenOn, IPEndPoint target, Action<string> log) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> connections = new();
    private TcpListener? listener;
    private Task? acceptLoop;
    private long nextConnectionId;

    /// <summary>Binds the port; throws <see cref="SocketException"/> when it is taken.</summary>
    public void Start()
    {
        // No socket options on purpose: on Unix .NET already lets a restarted broker rebind
        // while old connections sit in TIME_WAIT, and a second broker on the same port must
        // fail with "address already in use" rather than share it.
        listener = new TcpListener(listenOn);
        listener.Start(backlog: 512);
        acceptLoop = AcceptLoopAsync(stopping.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener!.AcceptSocketAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException
                                       && cancellationToken.IsCancellationRequested)
            {
                break; // The listener was stopped under us during shutdown.
            }
            catch (SocketException ex)
            {
                // A single failed accept (e.g. the peer reset before we got to it) must not
                // stop the broker from taking new connections.
                log($"accept failed: {ex.SocketErrorCode}");
                continue;
            }

            // Each pair runs on its own; the dictionary only exists so shutdown can wait for them.
            var id = Interlocked.Increment(ref nextConnectionId);
            var pipe = Task.Run(async () =>
            {
                try
                {
                    await PipeAsync(client, cancellationToken);
                }
                finally
                {
                    connections.TryRemove(id, out _);
                }
            }, CancellationToken.None);
            connections[id] = pipe;

            // A pair that ended before it was recorded would otherwise stay in the dictionary.
            if (pipe.IsCompleted)
            {
                connections.TryRemove(id, out _);
            }
        }
    }

    private async Task PipeAsync(Socket client, CancellationToken cancellationToken)
    {
        using var clientSocket = client;
        using var upstream = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // Kafka requests are small and latency-bound; Nagle would add delays on every round trip.
        clientSocket.NoDelay = true;
        upstream.NoDelay = true;

        try
        {
            await upstream.ConnectAsync(target, cancellationToken);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                log($"could not reach the mock broker at {target}: {ex.Message}");
            }

            return;
        }

        using var pairClosed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var clientStream = new NetworkStream(clientSocket, ownsSocket: false);
        await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);

        var toBroker = CopyAsync(clientStream, upstreamStream, pairClosed.Token);
        var toClient = CopyAsync(upstreamStream, clientStream, pairClosed.Token);

        // Whichever direction ends first (EOF, reset, shutdown) ends the pair.
        await Task.WhenAny(toBroker, toClient);
        await pairClosed.CancelAsync();
        await Task.WhenAll(toBroker, toClient);
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, 81920, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset or cancellation is a normal way for a Kafka connection to end.
        }
    }

    /// <summary>Stops accepting, closes every open pair and waits for them to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();

        if (acceptLoop is not null)
        {
            await acceptLoop;
        }

        await Task.WhenAll(connections.Values);
        stopping.Dispose();
    }
}
