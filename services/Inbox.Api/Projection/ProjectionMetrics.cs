using System.Diagnostics.Metrics;

namespace Inbox.Api.Projection;

/// <summary>
/// How far behind the events the read side is, on the "NotificationAspire.Inbox" meter ServiceDefaults exports:
/// <c>inbox_projection_lag_seconds</c> (a histogram: from the moment an event happened to the moment its projection
/// was committed) and <c>inbox_projected_events_total</c> by event kind. The consumer group's record backlog is the
/// building block's <c>kafka_consumer_lag{group="inbox-api-projection"}</c>.
/// </summary>
public static class ProjectionMetrics
{
    public const string MeterName = "NotificationAspire.Inbox";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("inbox_projection_lag", "s",
        "From when an event happened to when the read side committed its projection.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private static readonly Counter<long> Projected = Meter.CreateCounter<long>("inbox_projected_events", "{event}",
        "Events the projection applied (a redelivered one counts again: it was read, and found already applied).");

    public static void Applied(string kind, DateTimeOffset happenedAt, DateTimeOffset now, bool replaying)
    {
        Projected.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("replay", replaying));
        if (!replaying)
        {
            // A rebuild reads old events on purpose; their age says nothing about how live the inbox is.
            Lag.Record(Math.Max(0, (now - happenedAt).TotalSeconds), new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
