// Kafka stand-in for machines without a container engine: the AppHost runs this process as
// the `kafka` resource in "local" mode. It hosts librdkafka's built-in mock cluster (one
// broker, node id 1), creates the configured topics inside it, and exposes it on a fixed
// port through a TCP forwarder, because mock brokers only ever listen on ephemeral ports.
//
// Environment (see BrokerSettings):
//   KAFKA_BROKER_PORT      required  port to listen on, on 127.0.0.1
//   KAFKA_ADVERTISED_HOST  optional  host named in Metadata (default: localhost)
//   KAFKA_ADVERTISED_PORT  optional  port named in Metadata (default: KAFKA_BROKER_PORT)
//   KAFKA_TOPICS           optional  "name:partitions,..." created with replication factor 1
//
// Exit codes: 0 after SIGTERM/SIGINT, 1 when the broker cannot start, 2 for bad configuration.

using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NotificationAspire.Standins.KafkaMockBroker;

const int ExitStartupFailure = 1;
const int ExitBadConfiguration = 2;

static void Log(string message) => Console.Out.WriteLine($"kafka-mock-broker: {message}");
static void LogError(string message) => Console.Error.WriteLine($"kafka-mock-broker: error: {message}");

BrokerSettings settings;
try
{
    settings = BrokerSettings.FromEnvironment();
}
catch (ConfigurationException ex)
{
    LogError(ex.Message);
    LogError($"expected e.g. {BrokerSettings.ListenPortVariable}=9092 {BrokerSettings.TopicsVariable}=notification-requests:4,notification-status:4");
    return ExitBadConfiguration;
}

// Registered before any P/Invoke so the first call already gets a loadable librdkafka.
NativeLibraryResolver.Register();

// Handled signals are cancelled so the process can tear down the cluster and exit 0 instead
// of being killed mid-write; Aspire stops resources with SIGTERM, a developer with Ctrl+C.
using var shutdown = new CancellationTokenSource();
void RequestShutdown(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}

using var onSigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);
using var onSigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);

MockKafkaCluster cluster;
try
{
    cluster = MockKafkaCluster.Create();
}
catch (DllNotFoundException ex)
{
    LogError($"could not load librdkafka: {ex.Message}");
    foreach (var failure in NativeLibraryResolver.FailedCandidates)
    {
        LogError($"  tried {failure}");
    }

    return ExitStartupFailure;
}
catch (InvalidOperationException ex)
{
    LogError(ex.Message);
    return ExitStartupFailure;
}

using (cluster)
{
    Log($"librdkafka {Marshal.PtrToStringUTF8(LibRdKafka.VersionString())} loaded from {NativeLibraryResolver.LoadedFrom}");

    try
    {
        // Topics exist before the port opens, so a client that can connect always finds them.
        foreach (var topic in settings.Topics)
        {
            cluster.CreateTopic(topic);
        }
    }
    catch (InvalidOperationException ex)
    {
        LogError(ex.Message);
        return ExitStartupFailure;
    }

    // Clients must come back through the forwarder (or Aspire's proxy in front of it), never
    // to the mock's ephemeral port, so Metadata names the advertised address.
    cluster.Advertise(settings.AdvertisedHost, settings.AdvertisedPort);

    var forwarder = new TcpForwarder(new IPEndPoint(IPAddress.Loopback, settings.ListenPort), cluster.Listener, Log);
    try
    {
        forwarder.Start();
    }
    catch (SocketException ex)
    {
        LogError($"cannot listen on 127.0.0.1:{settings.ListenPort}: {ex.Message}");
        await forwarder.DisposeAsync();
        return ExitStartupFailure;
    }

    await using (forwarder)
    {
        var topics = settings.Topics.Count == 0
            ? "(none)"
            : string.Join(", ", settings.Topics.Select(t => $"{t.Name}[{t.Partitions}]"));
        Log($"listening on 127.0.0.1:{settings.ListenPort}, forwarding to mock broker {MockKafkaCluster.BrokerId} at {cluster.Listener}");
        Log($"Kafka mock broker ready on {settings.AdvertisedHost}:{settings.AdvertisedPort} with topics {topics}");

        try
        {
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            // Signal received.
        }

        Log("shutting down");
    }
}

Log("stopped");
return 0;
