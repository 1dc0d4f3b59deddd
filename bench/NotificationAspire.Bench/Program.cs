using NotificationAspire.Bench;
using NotificationAspire.Bench.Report;

// One run, ceilings and platform together: the same machine in the same minutes is the only fair comparison.
var options = BenchOptions.Parse(args);
var results = new BenchResults(options);
Console.WriteLine($"bench: {options.Mode} run; report to {options.OutputDirectory}");

if (options.Steady)
{
    await using var steady = await BenchRun.StartAsync(options, results, replicas: 2);
    await steady.HoldSteadyAsync();
    return 0;
}

foreach (var replicas in options.FanOutOnly ? [2] : new[] { 1, 2 })
{
    await using var run = await BenchRun.StartAsync(options, results, replicas);
    if (options.FanOutOnly)
    {
        await run.MeasureFanOutAsync();
        continue;
    }
    if (replicas == 1)
    {
        await run.MeasureCeilingsAsync();
        await run.MeasureAcceptingAsync();
        await run.MeasureIdleLatencyAsync();
    }
    await run.MeasureRatesAsync();
    await run.MeasureSustainedAsync();
    run.RecordProcesses();
    if (replicas == 2)
    {
        await run.MeasureFanOutAsync();
    }
}

var report = PerformanceReport.Write(results, options.OutputDirectory);
Console.WriteLine($"bench: wrote {report}");
// Slow is a figure; a second copy of a message is a fault.
return results.ExtraCopies.Values.Any(copies => copies > 0) || results.FanOut is { ExtraCopies: > 0 } ? 1 : 0;
