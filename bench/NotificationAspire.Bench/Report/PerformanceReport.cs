using System.Globalization;
using System.Text;
using NotificationAspire.Bench.Load;

namespace NotificationAspire.Bench.Report;

/// <summary>
/// Writes `performance.md` and its plots: every figure of the platform beside the ceiling that bounds it, measured in
/// the same run, and each target of the throughput issue with what this run measured.
/// </summary>
public static class PerformanceReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(BenchResults results, string directory)
    {
        var plots = Path.Combine(directory, "performance");
        Directory.CreateDirectory(plots);
        Plots.LatencyByRate(results, Path.Combine(plots, "latency-by-rate.png"));
        Plots.DeliveredByRate(results, Path.Combine(plots, "delivered-by-rate.png"));

        var md = new StringBuilder();
        Header(md, results);
        if (results.Options.FanOutOnly)
        {
            FanOutSection(md, results);
            md.AppendLine("## Targets of the topics issue, as this run measured them").AppendLine()
              .AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
            FanOutTargets(md, results);
            var only = Path.Combine(directory, "performance-fan-out.md");
            File.WriteAllText(only, md.ToString());
            return only;
        }
        CeilingsTable(md, results);
        AcceptTable(md, results);
        RatesTable(md, results);
        ProcessTable(md, results);
        FanOutSection(md, results);
        Targets(md, results);
        md.AppendLine("## Plots").AppendLine()
          .AppendLine("![Accepted to delivered latency by offered rate](performance/latency-by-rate.png)").AppendLine()
          .AppendLine("![Delivered per second by offered rate](performance/delivered-by-rate.png)");
        var path = Path.Combine(directory, "performance.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    private static void Header(StringBuilder md, BenchResults results)
    {
        md.AppendLine(results.Options.FanOutOnly ? "# Performance: topic fan-out" : "# Performance").AppendLine()
          .AppendLine(F($"Written by the benchmark (`bash bench/run.sh {results.Options.Mode}`), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {results.Commit}."))
          .AppendLine(F($"Machine: {Machine.Describe()}. The whole platform runs on it in local mode (Release builds), and so does the load."))
          .AppendLine(F($"Load: one client process, {results.Options.Concurrency} connections for closed loops; open loops start each request on schedule."))
          .AppendLine(F($"Each platform was warmed by {results.Options.WarmUp.TotalSeconds:0} s at {BenchOptions.WarmUpRate:0}/s before any measure{(results.Options.WarmUp < BenchOptions.JitSettles ? " (too short for the JIT to finish: figures include compiling)" : "")}."))
          .AppendLine("Telemetry: nothing is exported over OTLP (no dashboard or collector runs, as in the tests); services still serve /metrics.")
          .AppendLine("Every ceiling below was measured in this run, minutes apart from the figures it bounds.").AppendLine();
    }

    private static void CeilingsTable(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Ceilings (same run)").AppendLine()
          .AppendLine("| ceiling | per second | p50 ms | p99 ms | CPU busy |").AppendLine("|---|---:|---:|---:|---:|");
        Row(md, "gateway, no I/O (JWT at gateway and API, proxied, no database)", results.GatewayCeiling);
        Row(md, "PostgreSQL, single-row insert, one commit each", results.PostgresCeiling);
        Row(md, "counting SMTP sink (MailKit, a connection per caller)", results.SinkCeiling);
        Row(md, "smtp4dev, the same way (for the record; not used below)", results.Smtp4devCeiling);
        md.AppendLine();
    }

    private static void AcceptTable(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Accepting (`POST /api/notifications` through the gateway)").AppendLine()
          .AppendLine("| phase | per second | p50 ms | p95 ms | p99 ms | CPU busy | share of gateway ceiling |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, result) in new[] { ("closed loop", results.AcceptClosedLoop), ("open loop at half that rate", results.AcceptAtHalfRate) })
        {
            if (result is null)
            {
                continue;
            }
            md.AppendLine(F($"| {name} | {result.PerSecond:0} | {result.Latencies.P50:0.0} | {result.Latencies.P95:0.0} | {result.Latencies.P99:0.0} | {result.CpuBusy:P0} | {Share(result.PerSecond, results.GatewayCeiling)} |"));
        }
        if (results.IdleSingle is { } idle)
        {
            md.AppendLine().AppendLine(F($"One notification at a time on an idle platform, accepted to delivered: p50 {idle.P50:0} ms, p99 {idle.P99:0} ms ({idle.Count} sends)."));
        }
        md.AppendLine();
    }

    private static void RatesTable(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## End to end (accepted to delivered at the sink)").AppendLine()
          .AppendLine("| workers | offered /s | held s | delivered /s | p50 ms | p95 ms | p99 ms | drained s | missing | CPU busy | kept up |")
          .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results.Rates.OrderBy(r => r.Replicas).ThenBy(r => r.Offered))
        {
            md.AppendLine(F($"| {r.Replicas} | {r.Offered:0} | {r.Held.TotalSeconds:0} | {r.Delivered:0} | {r.Latencies.P50:0} | {r.Latencies.P95:0} | {r.Latencies.P99:0} | {r.Drained.TotalSeconds:0.0} | {r.Missing} | {r.CpuBusy:P0} | {(r.Sustained ? "yes" : "no")} |"));
        }
        foreach (var r in results.Rates.Where(r => r.MissingStatus.Count > 0).OrderBy(r => r.Replicas).ThenBy(r => r.Offered))
        {
            md.AppendLine().Append(F($"Missing at {r.Offered:0}/s with {r.Replicas} worker(s), as the platform reports them (the first {r.MissingStatus.Count} of {r.Missing}): "))
              .AppendLine(string.Join("; ", r.MissingStatus) + ".");
        }
        var one = results.HighestSustained(1);
        var two = results.HighestSustained(2);
        md.AppendLine().AppendLine(F($"Highest rate kept up with: {one:0}/s with one worker, {two:0}/s with two ({(one > 0 ? $"{two / one:0.00}x" : "n/a")}); ") +
            F($"as a share of the counting sink's ceiling: {Share(two, results.SinkCeiling)}; of PostgreSQL's commit rate: {Share(two, results.PostgresCeiling)}. ") +
            F($"Copies beyond the first at the sink: {string.Join(", ", results.ExtraCopies.OrderBy(e => e.Key).Select(e => $"{e.Value} with {e.Key} worker(s)"))}."))
          .AppendLine();
    }

    private static void ProcessTable(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Memory and processor time per process").AppendLine();
        foreach (var (replicas, (warm, end, notifications, settled)) in results.Processes.OrderBy(m => m.Key))
        {
            md.AppendLine(F($"With {replicas} worker(s): resident memory (PSS: shared pages divided among their sharers) warm and idle, then after {notifications:N0} more notifications; ") +
                    "the lowest of the samples taken every 5 s in the first and in the last third of the run (after a collection, for a .NET process; `MemoryTrend`), " +
                    "and growth between those two, which a garbage collector's sawtooth does not enter; processor time they took, per notification:").AppendLine()
              .AppendLine("| process | PSS warm MiB | PSS end MiB | lowest, first third MiB | lowest, last third MiB | growth per 10,000 notifications | CPU ms per notification |")
              .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var name in warm.Keys.Union(end.Keys).Order(StringComparer.Ordinal))
            {
                var before = warm.GetValueOrDefault(name) ?? new Measures.ProcessFigures(0, 0);
                var after = end.GetValueOrDefault(name) ?? new Measures.ProcessFigures(0, 0);
                var lows = settled.GetValueOrDefault(name);
                md.AppendLine(F($"| {name} | {before.ResidentMiB:0} | {after.ResidentMiB:0} | {lows?.FirstLowMiB:0} | {lows?.LastLowMiB:0} | {lows?.PerTenThousand:+0.0;-0.0;0.0} | {(after.CpuSeconds - before.CpuSeconds) * 1000 / Math.Max(1, notifications):0.00} |"));
            }
            var total = end.Values.Sum(p => p.CpuSeconds) - warm.Values.Sum(p => p.CpuSeconds);
            md.AppendLine(F($"| all of the platform |  |  |  |  |  | {total * 1000 / Math.Max(1, notifications):0.00} |")).AppendLine()
              .AppendLine(F($"At {total * 1000 / Math.Max(1, notifications):0.0} ms of processor time per notification, {Environment.ProcessorCount} cores can carry at most about {Environment.ProcessorCount * 1000 / Math.Max(0.001, total * 1000 / Math.Max(1, notifications)):0} notifications per second, whatever else is fast."))
              .AppendLine();
        }
    }

    private static void Targets(StringBuilder md, BenchResults results)
    {
        md.AppendLine("## Targets of the throughput issue, as this run measured them").AppendLine()
          .AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        var accept = results.AcceptClosedLoop?.PerSecond ?? 0;
        Target(md, "accept through the gateway >= 1,000/s", F($"{accept:0}/s"), accept >= 1000);
        var share = results.GatewayCeiling is { PerSecond: > 0 } g ? accept / g.PerSecond : 0;
        Target(md, "accept >= 25% of the proxied no-I/O ceiling", F($"{share:P0}"), share >= 0.25);
        var halfP99 = results.AcceptAtHalfRate?.Latencies.P99 ?? double.NaN;
        Target(md, "accept p99 at half that rate <= 50 ms", F($"{halfP99:0.0} ms"), halfP99 <= 50);
        var two = results.HighestSustained(2);
        Target(md, ">= 500 deliveries/s sustained", F($"{two:0}/s (two workers)"), two >= 500);
        var one = results.HighestSustained(1);
        Target(md, "two workers >= 1.6x one", one > 0 ? F($"{two / one:0.00}x") : "n/a", one > 0 && two / one >= 1.6);
        var at200 = results.Rates.Where(r => r.Replicas == 2 && r.Offered == 200).Select(r => r.Latencies.P99).DefaultIfEmpty(double.NaN).First();
        Target(md, "p99 accepted to delivered <= 300 ms at 200/s", F($"{at200:0} ms"), at200 <= 300);
        var idle = results.IdleSingle?.P50 ?? double.NaN;
        Target(md, "p50 <= 100 ms for one notification on an idle platform", F($"{idle:0} ms"), idle <= 100);
        var growth = results.Processes.Values.SelectMany(m => m.Settled).MaxBy(s => s.Value.PerTenThousand);
        var per100k = growth.Value?.PerTenThousand * 10 ?? 0;
        // Fewer than this between the two lows (quick mode) scale a few MiB of noise into hundreds.
        const int EnoughToScale = 10_000;
        Target(md, "Memory (PSS) growth per 100,000 notifications < 50 MB per process once warm",
            F($"largest {per100k:0} MiB ({growth.Key}; lowest early to lowest late, scaled from this run)"), per100k < 50,
            growth.Value?.NotificationsBetween >= EnoughToScale ? null : F($"fewer than {EnoughToScale:N0} notifications between the lows"));
        FanOutTargets(md, results);
        md.AppendLine();
    }

    private static void FanOutSection(StringBuilder md, BenchResults results)
    {
        if (results.FanOut is not { } f)
        {
            return;
        }
        md.AppendLine("## Topic fan-out (one send to every subscriber of a topic, two workers)").AppendLine()
          .AppendLine(F($"{f.Subscribers:N0} generated people, each with an email address, subscribed to one topic (set up in {f.Setup.TotalSeconds:0} s: profiles in bulk calls of 1,000, subscriptions in calls of 10,000). ") +
              F($"Then one `POST /api/notifications` naming the topic; times from its 202:")).AppendLine()
          .AppendLine("| stage | took | per second |").AppendLine("|---|---:|---:|");
        FanOutRow(md, F($"fan-out pages written and relayed ({f.Pages} `NotificationRequested` of up to 1,000 people)"), f.PagesRelayed, f.Subscribers);
        FanOutRow(md, F($"every person's delivery record on `notification-dispatch` ({f.DispatchedCount:N0} of {f.Subscribers:N0})"), f.Dispatched, f.DispatchedCount);
        FanOutRow(md, F($"emails at the sink, watched until then ({f.DeliveredCount:N0} of {f.Subscribers:N0}; copies beyond the first: {f.ExtraCopies})"), f.Observed, f.DeliveredCount);
        md.AppendLine().AppendLine("Delivery goes on at the pipeline's rate (the end-to-end figures), so the run stops watching it before the end.")
          .AppendLine("Resident memory (PSS: shared pages divided among their sharers) of each process before the send, and the highest sampled (twice a second) until everyone was dispatched, and until the watch ended:").AppendLine()
          .AppendLine("| process | PSS before MiB | peak until dispatched MiB | growth MiB | peak until the watch ended MiB |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var name in f.Before.Keys.Order(StringComparer.Ordinal))
        {
            var before = f.Before[name].ResidentMiB;
            var dispatched = f.PeakUntilDispatched.GetValueOrDefault(name, before);
            md.AppendLine(F($"| {name} | {before:0} | {dispatched:0} | {dispatched - before:+0;-0;0} | {f.PeakUntilObserved.GetValueOrDefault(name, dispatched):0} |"));
        }
        md.AppendLine();
    }

    private static void FanOutRow(StringBuilder md, string stage, TimeSpan? took, long count) =>
        md.AppendLine(took is { } t ? F($"| {stage} | {t.TotalSeconds:0.0} s | {count / Math.Max(0.001, t.TotalSeconds):0} |") : F($"| {stage} | not within the deadline | |"));

    private static void FanOutTargets(StringBuilder md, BenchResults results)
    {
        if (results.FanOut is not { } f)
        {
            return;
        }
        // The target is for a topic of 100,000; a smaller run (quick) shows the figure without judging it.
        var full = f.Subscribers >= 100_000;
        var dispatched = f.Dispatched is { } d ? F($"{d.TotalSeconds:0.0} s for {f.Subscribers:N0}") : F($"{f.DispatchedCount:N0} of {f.Subscribers:N0} within the deadline");
        Target(md, "a topic of 100,000 subscribers dispatched within 60 s", dispatched, full && f.Dispatched <= TimeSpan.FromSeconds(60), full ? null : "smaller topic");
        Target(md, "memory growth during that fan-out < 100 MB in every process", F($"largest {f.LargestGrowth:0} MiB"), full && f.LargestGrowth < 100, full ? null : "smaller topic");
    }

    private static void Target(StringBuilder md, string target, string measured, bool met, string? notJudgedBecause = null) =>
        md.AppendLine(F($"| {target} | {measured} | {(notJudgedBecause is not null ? $"not judged ({notJudgedBecause})" : met ? "yes" : "**no**")} |"));

    private static void Row(StringBuilder md, string name, LoadResult? result)
    {
        if (result is not null)
        {
            md.AppendLine(F($"| {name} | {result.PerSecond:0} | {result.Latencies.P50:0.0} | {result.Latencies.P99:0.0} | {result.CpuBusy:P0} |"));
        }
    }

    private static string Share(double value, LoadResult? ceiling) =>
        ceiling is { PerSecond: > 0 } c ? F($"{value / c.PerSecond:P0}") : "n/a";

    private static string F(FormattableString text) => text.ToString(Invariant);
}
