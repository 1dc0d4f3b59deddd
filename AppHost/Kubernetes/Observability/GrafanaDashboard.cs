using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationAspire.Contracts;

namespace NotificationAspire.AppHost.Kubernetes.Observability;

/// <summary>
/// The platform's Grafana dashboard, on metrics the services emit (their Prometheus names): notifications accepted
/// (Notifications.Api's NotificationMetrics), deliveries delivered, failed, skipped and retried and the providers' latency
/// (Delivery.Worker's DeliveryMetrics), deferrals and breaker transitions (ProtectionMetrics), the state of the worker's
/// breaker around preferences-api (PreferencesCircuit: while open, attempts run on cached answers), consumer lag and
/// retry tier depth (the messaging block's ConsumerLagMetrics), and ASP.NET Core's request duration.
/// </summary>
public static class GrafanaDashboard
{
    public const string FileName = "notificationaspire-dashboard.json";

    public static IReadOnlyList<(string Title, string Unit, string[] Queries)> Panels { get; } =
    [
        ("Notifications accepted", "reqps", ["sum(rate(notifications_accepted_total[5m]))", "sum(rate(notification_recipients_accepted_total[5m]))"]),
        ("Deliveries delivered by channel", "ops", ["sum by (channel) (rate(deliveries_delivered_total[5m]))"]),
        ("Deliveries failed by reason", "ops", ["sum by (channel, reason) (rate(deliveries_failed_total[5m]))"]),
        ("Deliveries skipped (opt-outs) by channel", "ops", ["sum by (channel) (rate(deliveries_skipped_total[5m]))"]),
        ("Retry tier depth", "short", [$"sum by (topic) (kafka_consumer_lag{{group=\"{ConsumerGroups.DeliveryRetries.Id}\"}})"]),
        ("Retries scheduled by tier", "ops", ["sum by (tier) (rate(delivery_retries_scheduled_total[5m]))"]),
        ("Dead letters", "short",
        [
            "sum(increase(deliveries_failed_total[1h]))",
            $"sum(kafka_consumer_lag{{group=\"{ConsumerGroups.DeadLetters.Id}\"}})",
        ]),
        ("Consumer lag by group", "short", ["sum by (group) (kafka_consumer_lag)"]),
        ("Circuit breaker transitions and deferrals", "short",
        [
            "sum by (channel, state) (increase(circuit_state_changes_total[5m]))",
            "sum by (channel, reason) (increase(deliveries_deferred_total[5m]))",
        ]),
        ("preferences-api circuit breaker state (0 closed, 1 open, 2 half-open)", "short", ["max by (pod) (preferences_circuit_state)"]),
        ("Provider send latency", "s",
        [
            "histogram_quantile(0.50, sum by (le, channel) (rate(delivery_send_duration_seconds_bucket[5m])))",
            "histogram_quantile(0.95, sum by (le, channel) (rate(delivery_send_duration_seconds_bucket[5m])))",
            "histogram_quantile(0.99, sum by (le, channel) (rate(delivery_send_duration_seconds_bucket[5m])))",
        ]),
        ("HTTP request latency p95 by service", "s",
            ["histogram_quantile(0.95, sum by (le, service) (rate(http_server_request_duration_seconds_bucket[5m])))"]),
        ("HTTP requests by status", "reqps",
            ["sum by (service, http_response_status_code) (rate(http_server_request_duration_seconds_count[5m]))"]),
    ];

    public static string Json()
    {
        var panels = new JsonArray();
        for (var i = 0; i < Panels.Count; i++)
        {
            var (title, unit, queries) = Panels[i];
            panels.Add(new JsonObject
            {
                ["id"] = i + 1,
                ["type"] = "timeseries",
                ["title"] = title,
                ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "${datasource}" },
                ["gridPos"] = new JsonObject { ["x"] = i % 2 * 12, ["y"] = i / 2 * 8, ["w"] = 12, ["h"] = 8 },
                ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = unit }, ["overrides"] = new JsonArray() },
                ["targets"] = new JsonArray(queries.Select((q, n) => (JsonNode)new JsonObject
                {
                    ["expr"] = q,
                    ["refId"] = ((char)('A' + n)).ToString(),
                    ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "${datasource}" },
                }).ToArray()),
            });
        }
        var dashboard = new JsonObject
        {
            ["uid"] = "notificationaspire",
            ["title"] = "NotificationAspire",
            ["tags"] = new JsonArray("notificationaspire"),
            ["timezone"] = "utc",
            ["schemaVersion"] = 39,
            ["refresh"] = "30s",
            ["time"] = new JsonObject { ["from"] = "now-3h", ["to"] = "now" },
            ["templating"] = new JsonObject
            {
                ["list"] = new JsonArray(new JsonObject
                {
                    ["name"] = "datasource",
                    ["label"] = "Prometheus",
                    ["type"] = "datasource",
                    ["query"] = "prometheus",
                }),
            },
            ["panels"] = panels,
        };
        return dashboard.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
