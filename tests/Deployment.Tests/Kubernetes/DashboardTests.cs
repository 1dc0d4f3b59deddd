using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deployment.Tests.Support;

namespace Deployment.Tests.Kubernetes;

/// <summary>The Grafana dashboard reads only metrics the services emit, and covers what operators watch.</summary>
[Collection(GeneratedManifestsCollection.Name)]
public sealed partial class DashboardTests(GeneratedManifests generated)
{
    /// <summary>Metrics of OpenTelemetry's ASP.NET Core instrumentation (ServiceDefaults turns it on), not our code's.</summary>
    private static readonly string[] InstrumentationMetrics = ["http_server_request_duration"];

    private JsonNode Dashboard => JsonNode.Parse(File.ReadAllText(Path.Combine(generated.OutputPath, "base", "observability", "notificationaspire-dashboard.json")))!;

    [Fact]
    public void Every_metric_the_dashboard_queries_is_an_instrument_the_services_create()
    {
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root(), "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var metrics = Dashboard["panels"].Items().SelectMany(p => p["targets"].Items())
            .SelectMany(t => MetricName().Matches(Grouping().Replace((string)t["expr"]!, "")).Select(m => m.Groups["instrument"].Value))
            .Distinct().ToList();
        Assert.NotEmpty(metrics);
        Assert.All(metrics, instrument => Assert.True(
            InstrumentationMetrics.Contains(instrument) || source.Contains($"\"{instrument}\"", StringComparison.Ordinal),
            $"the dashboard queries {instrument}, which no service creates"));
    }

    [Fact]
    public void The_dashboard_shows_what_the_platform_promises_and_grafana_finds_it()
    {
        var titles = string.Join(" | ", Dashboard["panels"].Items().Select(p => (string)p["title"]!)).ToLowerInvariant();
        foreach (var topic in new[] { "accepted", "delivered", "failed", "skipped", "retry tier", "dead letters", "consumer lag", "circuit breaker", "preferences-api", "latency" })
        {
            Assert.Contains(topic, titles, StringComparison.Ordinal);
        }
        var configMap = generated.Objects["production"].Named("ConfigMap", "notificationaspire-dashboard");
        Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
    }

    // A Prometheus series name: the instrument name plus what the exporter appends (unit and type suffixes).
    [GeneratedRegex(@"\b(?<instrument>[a-z][a-z0-9]*_[a-z0-9_]*?)(_seconds)?(_total|_bucket|_count|_sum)?\b(?=[{\[)])")]
    private static partial Regex MetricName();

    // `by (label, ...)`: label names, not series.
    [GeneratedRegex(@"by \([^)]*\)")]
    private static partial Regex Grouping();
}
