using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace NotificationAspire.Standins.KafkaMockBroker;

/// <summary>
/// Owns a librdkafka handle and the single-broker mock cluster hosted by it.
/// </summary>
/// <remarks>
/// librdkafka's mock cluster runs its brokers on its own thread inside this process, so
/// nothing here needs polling; the handle exists only because the mock API requires one
/// for its book keeping. The listener always binds an ephemeral loopback port, which is
/// why <see cref="TcpForwarder"/> provides the fixed port.
/// </remarks>
internal sealed class MockKafkaCluster : IDisposable
{
    /// <summary>Mock broker ids start at 1; one broker is all the local setup needs.</summary>
    public const int BrokerId = 1;

    private const int ErrorBufferSize = 512;

    private IntPtr handle;
    private IntPtr cluster;

    private MockKafkaCluster(IntPtr handle, IntPtr cluster, IPEndPoint listener)
    {
        this.handle = handle;
        this.cluster = cluster;
        Listener = listener;
    }

    /// <summary>Where the mock broker really listens (loopback, ephemeral port).</summary>
    public IPEndPoint Listener { get; }

    public static MockKafkaCluster Create()
    {
        var conf = LibRdKafka.ConfNew();
        var errors = new byte[ErrorBufferSize];

        // client.id names this handle in librdkafka's own log lines. log_level 4 (warning)
        // hides the notice that the handle has no bootstrap.servers, which is expected here
        // (it never connects anywhere) but reads like a misconfiguration in the dashboard.
        foreach (var (name, value) in new[] { ("client.id", "kafka-mock-broker"), ("log_level", "4") })
        {
            if (LibRdKafka.ConfSet(conf, name, value, errors, ErrorBufferSize) != LibRdKafka.ConfOk)
            {
                LibRdKafka.ConfDestroy(conf);
                throw new InvalidOperationException($"rd_kafka_conf_set({name}) failed: {LibRdKafka.ReadErrorBuffer(errors)}");
            }
        }

        var rk = LibRdKafka.New(LibRdKafka.ProducerType, conf, errors, ErrorBufferSize);
        if (rk == IntPtr.Zero)
        {
            // rd_kafka_new leaves the conf with the caller when it fails.
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {LibRdKafka.ReadErrorBuffer(errors)}");
        }

        var mc = LibRdKafka.MockClusterNew(rk, brokerCount: 1);
        if (mc == IntPtr.Zero)
        {
            LibRdKafka.Destroy(rk);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed (see librdkafka's log above).");
        }

        // Read the real listener before advertising anything else, while the bootstrap
        // list still names it.
        var bootstraps = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(mc)) ?? string.Empty;
        var listener = ParseFirstBootstrap(bootstraps);

        // Without a controller in Metadata, admin clients (DescribeCluster, topic checks)
        // wait for one until they time out.
        LibRdKafka.MockSetControllerId(mc, BrokerId);

        // A real broker waits 3 s before the first rebalance; locally that only slows startup
        // and tests.
        LibRdKafka.MockGroupInitialRebalanceDelayMs(mc, 0);

        return new MockKafkaCluster(rk, mc, listener);
    }

    /// <summary>
    /// Creates a topic inside the mock. The mock does not implement CreateTopics over the
    /// protocol, so this is the only way topics with a chosen partition count come to exist.
    /// </summary>
    public void CreateTopic(TopicSpec topic)
    {
        var error = LibRdKafka.MockTopicCreate(cluster, topic.Name, topic.Partitions, replicationFactor: 1);
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"Creating topic '{topic.Name}' ({topic.Partitions} partitions) failed: {LibRdKafka.ErrorName(error)}");
        }
    }

    /// <summary>
    /// Sets the address clients are told to use in Metadata. Only the advertised address
    /// changes; the listener stays where it is.
    /// </summary>
    public void Advertise(string host, int port) =>
        LibRdKafka.MockBrokerSetHostPort(cluster, BrokerId, host, port);

    public void Dispose()
    {
        // The cluster references the handle, so it goes first.
        if (cluster != IntPtr.Zero)
        {
            LibRdKafka.MockClusterDestroy(cluster);
            cluster = IntPtr.Zero;
        }

        if (handle != IntPtr.Zero)
        {
            LibRdKafka.Destroy(handle);
            handle = IntPtr.Zero;
        }
    }

    /// <summary>Parses the first "host:port" of a bootstrap list into a loopback-friendly endpoint.</summary>
    internal static IPEndPoint ParseFirstBootstrap(string bootstraps)
    {
        var first = bootstraps.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault() ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");

        var colon = first.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(first.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new InvalidOperationException($"Unexpected mock bootstrap address '{first}'.");
        }

        var host = first[..colon].Trim('[', ']');

        // The mock binds loopback; "localhost" could resolve to ::1 first, where nothing listens.
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);
        return new IPEndPoint(address, port);
    }
}
