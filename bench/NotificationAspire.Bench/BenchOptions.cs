namespace NotificationAspire.Bench;

/// <summary>
/// How long and how hard: `full` for the published figures, `quick` for CI (the same measures, short phases and a
/// topic of 10,000), `fan-out` for the topic fan-out alone at full size (a report in artifacts/bench), `steady` to hold one
/// offered rate on two workers while a profiler looks at the services (`steady --rate 40 --seconds 60`; printed, no report).
/// </summary>
public sealed record BenchOptions(string Mode, int Concurrency, TimeSpan CeilingPhase, TimeSpan AcceptPhase, TimeSpan RatePhase,
    TimeSpan SustainPhase, IReadOnlyList<double> Rates, int SustainSteps, TimeSpan DrainDeadline, string OutputDirectory)
{
    public bool Quick => Mode == "quick";

    public bool FanOutOnly => Mode == "fan-out";

    public bool Steady => Mode == "steady";

    /// <summary>The rate `steady` holds, and for how long (<see cref="RatePhase"/>).</summary>
    public double SteadyRate { get; init; } = 40;

    /// <summary>
    /// Load before anything is measured, at <see cref="WarmUpRate"/>: <see cref="JitSettles"/> for the published
    /// figures, 5 s in quick (CI's minutes) and fan-out; `--warm SECONDS` overrides it.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public const double WarmUpRate = 20;

    /// <summary>
    /// How long the services' JIT keeps recompiling under load (tier-0 code, instrumented, then optimized tier-1):
    /// measured by the size of their perf maps, which stopped growing after about 90 s. Before that the compiler
    /// thread took a quarter of the machine and the workers twice the processor time per notification.
    /// </summary>
    public static readonly TimeSpan JitSettles = TimeSpan.FromSeconds(120);

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
        var options = mode switch
        {
            "full" or "fan-out" => new BenchOptions(mode, 16, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30),
                TimeSpan.FromSeconds(60), [50, 200, 500], SustainSteps: 2, TimeSpan.FromSeconds(90), output),
            "steady" => new BenchOptions(mode, 16, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(Number(args, "--seconds", 60)),
                TimeSpan.Zero, [], SustainSteps: 0, TimeSpan.FromSeconds(120), output) { SteadyRate = Number(args, "--rate", 40) },
            "quick" => new BenchOptions(mode, 16, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8),
                TimeSpan.FromSeconds(8), [50, 200], SustainSteps: 0, TimeSpan.FromSeconds(60), output),
            _ => throw new ArgumentException($"Unknown mode '{mode}': quick, full, fan-out or steady."),
        };
        var warmUp = mode is "full" or "steady" ? JitSettles : options.WarmUp;
        return options with { WarmUp = TimeSpan.FromSeconds(Number(args, "--warm", warmUp.TotalSeconds)) };
    }

    private static double Number(string[] args, string name, double otherwise) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value
            ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : otherwise;

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
