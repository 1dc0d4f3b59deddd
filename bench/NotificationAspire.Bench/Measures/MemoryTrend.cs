namespace NotificationAspire.Bench.Measures;

/// <summary>
/// Each process's resident memory sampled every five seconds while the measures run, to tell growth from a garbage
/// collector's sawtooth. A .NET service's PSS climbs by tens of MiB between two full collections and drops back after
/// one (notifications-api swung between 228 and 289 MiB at a steady 30/s, its heap after a collection flat), so two
/// single samples, warm and at the end, mostly measure where in that cycle each fell. The lowest sample of the first
/// third of the run against the lowest of the last third compares like with like: each is the process just after a
/// collection, holding what it really keeps. A leak raises the second; a backlog that drained does not.
/// </summary>
public sealed class MemoryTrend : IAsyncDisposable
{
    private readonly List<(long Accepted, IReadOnlyDictionary<string, ProcessFigures> Figures)> _samples = [];
    private readonly Func<long> _accepted;
    private readonly ProcessSampling _sampling;

    private MemoryTrend(Func<long> accepted)
    {
        _accepted = accepted;
        // A sample costs the machine about 75 ms of system time (the kernel walks each process's page tables for
        // smaps_rollup; 35 processes in a quick run), so every 2 s took about 2 % of the two processors being measured.
        // A collector's cycle lasts minutes, so every 5 s still finds each low.
        _sampling = new ProcessSampling(TimeSpan.FromSeconds(5), Record);
    }

    /// <param name="accepted">How many notifications the platform has accepted so far (to scale growth by).</param>
    public static MemoryTrend Start(Func<long> accepted) => new(accepted);

    /// <summary>Each process's lowest resident memory in the first and in the last third of the samples so far.</summary>
    public IReadOnlyDictionary<string, SettledGrowth> Growth()
    {
        _sampling.SampleNow();
        lock (_samples)
        {
            var third = Math.Max(1, _samples.Count / 3);
            var first = _samples.Take(third).ToList();
            var last = _samples.Skip(_samples.Count - third).ToList();
            return first.SelectMany(s => s.Figures.Keys).Distinct()
                .Where(name => last.Any(s => s.Figures.ContainsKey(name)))
                .ToDictionary(name => name, name =>
                {
                    var low = Lowest(first, name);
                    var lastLow = Lowest(last, name);
                    return new SettledGrowth(low.Figures[name].ResidentMiB, lastLow.Figures[name].ResidentMiB, lastLow.Accepted - low.Accepted);
                }, StringComparer.Ordinal);
        }
    }

    private static (long Accepted, IReadOnlyDictionary<string, ProcessFigures> Figures) Lowest(
        List<(long Accepted, IReadOnlyDictionary<string, ProcessFigures> Figures)> samples, string name) =>
        samples.Where(s => s.Figures.ContainsKey(name)).MinBy(s => s.Figures[name].ResidentMiB);

    private void Record(IReadOnlyDictionary<string, ProcessFigures> sample)
    {
        var accepted = _accepted();
        lock (_samples)
        {
            _samples.Add((accepted, sample));
        }
    }

    public ValueTask DisposeAsync() => _sampling.DisposeAsync();
}

/// <summary>A process's lowest resident memory early and late in a run, and the notifications accepted between the two samples.</summary>
public sealed record SettledGrowth(double FirstLowMiB, double LastLowMiB, long NotificationsBetween)
{
    public double PerTenThousand => (LastLowMiB - FirstLowMiB) * 10_000 / Math.Max(1, NotificationsBetween);
}
