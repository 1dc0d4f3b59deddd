using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json.Nodes;
using NotificationAspire.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>
/// Consumer lag comes from librdkafka's statistics (the document its STATISTICS.md describes): one figure per
/// partition the member holds, the internal partition -1 and unknown lags left out, a later report replacing an earlier one.
/// </summary>
public sealed class ConsumerLagTests
{
    [Fact]
    public void A_statistics_report_becomes_the_lag_of_each_held_partition()
    {
        var group = $"lag-test-{Guid.NewGuid():N}";
        ConsumerLagMetrics.Record(group, Report(("notification-retry-short", 0, 7), ("notification-retry-short", 1, -1), ("notification-retry-short", -1, -1)));
        Assert.Equal([("notification-retry-short", "0", 7L)], Observe(group));

        ConsumerLagMetrics.Record(group, Report(("notification-retry-short", 1, 3)));
        Assert.Equal([("notification-retry-short", "1", 3L)], Observe(group));
    }

    [Fact]
    public void An_unreadable_report_costs_a_sample_never_the_consumer()
    {
        ConsumerLagMetrics.Record("lag-test-broken", "{ not json");
        ConsumerLagMetrics.Record("lag-test-broken", """{"topics":{"t":{}}}""");
    }

    private static string Report(params (string Topic, int Partition, long Lag)[] partitions) => new JsonObject
    {
        ["name"] = "rdkafka#consumer-1",
        ["type"] = "consumer",
        ["topics"] = new JsonObject(partitions.GroupBy(p => p.Topic).Select(topic => KeyValuePair.Create(topic.Key, (JsonNode?)new JsonObject
        {
            ["topic"] = topic.Key,
            ["partitions"] = new JsonObject(topic.Select(p => KeyValuePair.Create(p.Partition.ToString(CultureInfo.InvariantCulture), (JsonNode?)new JsonObject
            {
                ["partition"] = p.Partition,
                ["consumer_lag"] = p.Lag,
                ["consumer_lag_stored"] = p.Lag,
            }))),
        }))),
    }.ToJsonString();

    private static List<(string Topic, string Partition, long Lag)> Observe(string group)
    {
        var seen = new List<(string, string, long)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConsumerLagMetrics.MeterName && instrument.Name == "kafka_consumer_lag")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var named = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (named["group"] == group)
            {
                seen.Add((named["topic"]!, named["partition"]!, value));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
