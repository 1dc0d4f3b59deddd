using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Delivery.Worker.Observability;

/// <summary>
/// What happened to deliveries, on the "NotificationAspire.Delivery" meter ServiceDefaults exports. Prometheus
/// shows <c>deliveries_delivered_total</c>, <c>deliveries_failed_total</c>, <c>deliveries_skipped_total</c>,
/// <c>delivery_retries_scheduled_total</c> and <c>delivery_send_duration_seconds</c>; the Grafana dashboard generated with the Kubernetes output reads
/// exactly these names. Static, so the call sites stay one line each and need no constructor change.
/// </summary>
public static class DeliveryMetrics
{
    public const string MeterName = "NotificationAspire.Delivery";

    /// <summary>Tag values of <c>deliveries_failed_total</c>: refused for good, or out of attempts.</summary>
    public const string Rejected = "rejected";
    public const string Exhausted = "exhausted";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> DeliveredCounter = Meter.CreateCounter<long>("deliveries_delivered", "{delivery}",
        "Deliveries a provider accepted.");

    private static readonly Counter<long> FailedCounter = Meter.CreateCounter<long>("deliveries_failed", "{delivery}",
        "Deliveries that failed for good and went to the dead letters, by reason.");

    private static readonly Counter<long> SkippedCounter = Meter.CreateCounter<long>("deliveries_skipped", "{delivery}",
        "Deliveries deliberately not sent (the person opted out), final and not failures.");

    private static readonly Counter<long> RetriesCounter = Meter.CreateCounter<long>("delivery_retries_scheduled", "{attempt}",
        "Attempts scheduled on a retry tier after a transient failure.");

    // Buckets for calls to providers: tens of milliseconds (an SMTP relay nearby) up to the 30 s data timeout.
    private static readonly Histogram<double> SendDuration = Meter.CreateHistogram("delivery_send_duration", "s",
        "Time a provider took to answer one send, by channel and whether it threw.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    public static void Delivered(string channel) => DeliveredCounter.Add(1, Channel(channel));

    public static void Failed(string channel, string reason) =>
        FailedCounter.Add(1, Channel(channel), new KeyValuePair<string, object?>("reason", reason));

    public static void Skipped(string channel) => SkippedCounter.Add(1, Channel(channel));

    public static void RetryScheduled(string channel, string tier) =>
        RetriesCounter.Add(1, Channel(channel), new KeyValuePair<string, object?>("tier", tier));

    /// <summary>Call with <see cref="Stopwatch.GetTimestamp"/> taken before the send.</summary>
    public static void SendFinished(string channel, long startedAt, bool threw) =>
        SendDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, Channel(channel),
            new KeyValuePair<string, object?>("outcome", threw ? "error" : "answered"));

    private static KeyValuePair<string, object?> Channel(string channel) => new("channel", channel);
}
