using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace NotificationAspire.Messaging;

/// <summary>
/// How far each consumer group is behind, per partition this member holds, as librdkafka measures it in its
/// statistics (<c>consumer_lag</c>: high watermark minus committed offset). Exported as <c>kafka_consumer_lag</c>
/// on the "NotificationAspire.Messaging" meter; summed over a group's members it is the group's backlog, and over
/// the retry group's topics it is the depth of each retry tier.
/// </summary>
public static class ConsumerLagMetrics
{
    public const string MeterName = "NotificationAspire.Messaging";
    public const int ReportIntervalMs = 15_000;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<Measurement<long>>> LagByGroup = new();

    private static readonly Meter Meter = new(MeterName);

    private static readonly ObservableGauge<long> Lag = Meter.CreateObservableGauge("kafka_consumer_lag",
        () => LagByGroup.Values.SelectMany(m => m), "{message}", "Records a consumer group has not committed yet, per partition held by this member.");

    private static readonly ConcurrentDictionary<string, InFlightRecords> InFlightByGroup = new();

    private static readonly ObservableGauge<int> InFlight = Meter.CreateObservableGauge("kafka_consumer_in_flight",
        () => InFlightByGroup.Select(g => new Measurement<int>(g.Value.Count, new KeyValuePair<string, object?>("group", g.Key))),
        "{message}", "Records this member is handling at this moment (started, not finished), per consumer group.");

    /// <summary>Reports the group's records in flight from now on (the consumer of the moment; a new one replaces it).</summary>
    internal static void TrackInFlight(string groupId, InFlightRecords records)
    {
        _ = InFlight;
        InFlightByGroup[groupId] = records;
    }

    /// <summary>Replaces the group's figures with those of a statistics report (a JSON document from librdkafka).</summary>
    public static void Record(string groupId, string statistics)
    {
        _ = Lag; // the gauge exists once anything reports
        try
        {
            using var json = JsonDocument.Parse(statistics);
            var measurements = new List<Measurement<long>>();
            if (json.RootElement.TryGetProperty("topics", out var topics))
            {
                foreach (var topic in topics.EnumerateObject())
                {
                    foreach (var partition in topic.Value.GetProperty("partitions").EnumerateObject())
                    {
                        // -1 is librdkafka's internal "unassigned" partition; a lag of -1 means not known yet.
                        if (partition.Name != "-1" && partition.Value.TryGetProperty("consumer_lag", out var lag) && lag.GetInt64() >= 0)
                        {
                            measurements.Add(new Measurement<long>(lag.GetInt64(),
                                new KeyValuePair<string, object?>("group", groupId),
                                new KeyValuePair<string, object?>("topic", topic.Name),
                                new KeyValuePair<string, object?>("partition", partition.Name)));
                        }
                    }
                }
            }
            LagByGroup[groupId] = measurements;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A report we cannot read costs one sample of a metric, never the consumer.
        }
    }
}
