using NotificationAspire.Bench.Load;
using NotificationAspire.Bench.Measures;

namespace NotificationAspire.Bench;

/// <summary>Everything one run measured; the report is written from this alone.</summary>
public sealed class BenchResults(BenchOptions options)
{
    public BenchOptions Options => options;

    /// <summary>What the platform was built from, read when the run starts: by the end, the run's own plots are uncommitted changes.</summary>
    public string Commit { get; } = Report.Machine.Commit();

    public LoadResult? GatewayCeiling { get; set; }
    public LoadResult? PostgresCeiling { get; set; }
    public LoadResult? SinkCeiling { get; set; }
    public LoadResult? Smtp4devCeiling { get; set; }
    public LoadResult? AcceptClosedLoop { get; set; }
    public LoadResult? AcceptAtHalfRate { get; set; }
    public Latencies? IdleSingle { get; set; }

    public List<RatePoint> Rates { get; } = [];

    public FanOutResult? FanOut { get; set; }

    /// <summary>Each process warm and idle, and after the run, per worker-replica configuration.</summary>
    public Dictionary<int, ProcessMeasures> Processes { get; } = [];

    /// <summary>Messages the sink received beyond the first per recipient, per worker-replica configuration (should be 0).</summary>
    public Dictionary<int, long> ExtraCopies { get; } = [];

    public double HighestSustained(int replicas) =>
        Rates.Where(r => r.Replicas == replicas && r.Sustained).Select(r => r.Offered).DefaultIfEmpty(0).Max();
}

/// <summary>
/// Each process warm and idle and after the run, the notifications accepted in between, and each one's lowest memory
/// early and late in the run (<see cref="MemoryTrend"/>).
/// </summary>
public sealed record ProcessMeasures(IReadOnlyDictionary<string, ProcessFigures> Warm, IReadOnlyDictionary<string, ProcessFigures> End, long Notifications,
    IReadOnlyDictionary<string, SettledGrowth> Settled);
