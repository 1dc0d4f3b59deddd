using System.Diagnostics.Metrics;

namespace Notifications.Api.Observability;

/// <summary>
/// Status webhook calls by how they ended, on the notifications meter (<c>webhook_calls_total</c> in Prometheus):
/// a rising `retry` or `failed` share is a receiver in trouble, `gone` an endpoint its owner switched off.
/// </summary>
public static class WebhookMetrics
{
    private static readonly Meter Meter = new(NotificationMetrics.MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("webhook_calls", "{call}",
        "Status webhook calls, tagged outcome: delivered, retry, failed, abandoned (attempts ran out) or gone (410, endpoint disabled).");

    public static void Called(string outcome) => Calls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
