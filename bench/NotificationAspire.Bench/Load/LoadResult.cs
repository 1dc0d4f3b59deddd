namespace NotificationAspire.Bench.Load;

/// <summary>What one load phase did: operations that succeeded, failed, over how long, and how long each took.</summary>
/// <param name="CpuBusy">The machine's processors, busy share during the phase (0 to 1).</param>
public sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, Latencies Latencies, double CpuBusy)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
}
