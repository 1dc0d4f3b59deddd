namespace NotificationAspire.Bench;

/// <summary>
/// How long and how hard: `full` for the published figures, `quick` for CI (the same measures, short phases and a
/// topic of 10,000), `fan-out` for the topic fan-out alone at full size (a report in artifacts/bench).
/// </summary>
public sealed record BenchOptions(string Mode, int Concurrency, TimeSpan CeilingPhase, TimeSpan AcceptPhase, TimeSpan RatePhase,
    TimeSpan SustainPhase, IReadOnlyList<double> Rates, int SustainSteps, TimeSpan DrainDeadline, string OutputDirectory)
{
    public bool Quick => Mode == "quick";

    public bool FanOutOnly => Mode == "fan-out";

    /// <summary>Subscribers of the fan-out's topic: the 100,000, or 10,000 where CI's minutes count.</summary>
    public int FanOutSubscribers => Quick ? 10_000 : 100_000;

    /// <summary>From the send until every subscriber is dispatched.</summary>
    public TimeSpan FanOutDeadline => Quick ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(5);

    /// <summary>How long emails reaching the sink are counted once everyone is dispatched.</summary>
    public TimeSpan FanOutWatch => Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(60);

    public static BenchOptions Parse(string[] args)
    {
        var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "quick";
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault()
            ?? Path.Combine(RepositoryRoot(), mode == "full" ? "docs" : Path.Combine("artifacts", "bench"));
        return mode switch
        {
            "full" or "fan-out" => new BenchOptions(mode, 16, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30),
                TimeSpan.FromSeconds(60), [50, 200, 500], SustainSteps: 2, TimeSpan.FromSeconds(90), output),
            "quick" => new BenchOptions(mode, 16, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8),
                TimeSpan.FromSeconds(8), [50, 200], SustainSteps: 0, TimeSpan.FromSeconds(60), output),
            _ => throw new ArgumentException($"Unknown mode '{mode}': quick, full or fan-out."),
        };
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NotificationAspire.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
