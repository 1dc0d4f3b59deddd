using ScottPlot;

namespace NotificationAspire.Bench.Report;

/// <summary>The two pictures of a run: end-to-end latency by offered rate, and delivered against offered, per number of workers.</summary>
public static class Plots
{
    public static void LatencyByRate(BenchResults results, string path)
    {
        var plot = new Plot();
        foreach (var replicas in results.Rates.Select(r => r.Replicas).Distinct())
        {
            var points = results.Rates.Where(r => r.Replicas == replicas && r.Latencies.Count > 0).OrderBy(r => r.Offered).ToList();
            foreach (var (name, pick) in new (string, Func<Measures.RatePoint, double>)[] { ("p50", r => r.Latencies.P50), ("p99", r => r.Latencies.P99) })
            {
                var line = plot.Add.Scatter(points.Select(p => p.Offered).ToArray(), points.Select(pick).ToArray());
                line.LegendText = $"{replicas} worker(s), {name}";
            }
        }
        plot.Title("Accepted to delivered (email, counting sink)");
        plot.XLabel("offered notifications per second");
        plot.YLabel("milliseconds");
        plot.Axes.SetLimitsY(0, results.Rates.Select(r => r.Latencies.P99).Where(double.IsFinite).DefaultIfEmpty(1000).Max() * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 500);
    }

    public static void DeliveredByRate(BenchResults results, string path)
    {
        var plot = new Plot();
        var highest = results.Rates.Select(r => r.Offered).DefaultIfEmpty(1).Max();
        var ideal = plot.Add.Line(0, 0, highest, highest);
        ideal.LegendText = "delivered = offered";
        ideal.LinePattern = LinePattern.Dashed;
        foreach (var replicas in results.Rates.Select(r => r.Replicas).Distinct())
        {
            var points = results.Rates.Where(r => r.Replicas == replicas).OrderBy(r => r.Offered).ToList();
            var line = plot.Add.Scatter(points.Select(p => p.Offered).ToArray(), points.Select(p => p.Delivered).ToArray());
            line.LegendText = $"{replicas} worker(s)";
        }
        plot.Title("Delivered per second while held at an offered rate");
        plot.XLabel("offered notifications per second");
        plot.YLabel("delivered per second");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 500);
    }
}
