using System.Runtime.InteropServices;

namespace NotificationAspire.Standins.KafkaMockBroker;

/// <summary>
/// The small part of librdkafka's C API (rdkafka.h, rdkafka_mock.h) this broker needs.
/// </summary>
/// <remarks>
/// Confluent.Kafka does not expose the mock cluster API, so it is called directly. Which
/// file backs <see cref="LibraryName"/> is decided by <see cref="NativeLibraryResolver"/>.
/// Pointers stay <see cref="IntPtr"/>: the handles are opaque and owned by <see cref="MockKafkaCluster"/>.
/// </remarks>
internal static partial class LibRdKafka
{
    public const string LibraryName = "librdkafka";

    /// <summary>rd_kafka_type_t RD_KAFKA_PRODUCER: the handle only does the mock's book keeping.</summary>
    public const int ProducerType = 0;

    /// <summary>rd_kafka_conf_res_t RD_KAFKA_CONF_OK.</summary>
    public const int ConfOk = 0;

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_version_str")]
    public static partial IntPtr VersionString();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_err2str")]
    public static partial IntPtr ErrorToString(int error);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, [Out] byte[] errstr, UIntPtr errstrSize);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, [Out] byte[] errstr, UIntPtr errstrSize);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr rk);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_new")]
    public static partial IntPtr MockClusterNew(IntPtr rk, int brokerCount);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    public static partial void MockClusterDestroy(IntPtr mcluster);

    /// <summary>Returns a const char* owned by the cluster ("host:port,..." of the real listeners).</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    public static partial IntPtr MockClusterBootstraps(IntPtr mcluster);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MockTopicCreate(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_set_controller_id")]
    public static partial void MockSetControllerId(IntPtr mcluster, int controllerId);

    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    public static partial void MockGroupInitialRebalanceDelayMs(IntPtr mcluster, int delayMs);

    /// <summary>Changes only the address advertised in Metadata; the listener keeps its ephemeral port.</summary>
    [LibraryImport(LibraryName, EntryPoint = "rd_kafka_mock_broker_set_host_port", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void MockBrokerSetHostPort(IntPtr mcluster, int brokerId, string host, int port);

    /// <summary>Reads a NUL-terminated error buffer filled by rd_kafka_conf_set / rd_kafka_new.</summary>
    public static string ReadErrorBuffer(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }

    public static string ErrorName(int error) =>
        Marshal.PtrToStringUTF8(ErrorToString(error)) ?? $"error {error}";
}
