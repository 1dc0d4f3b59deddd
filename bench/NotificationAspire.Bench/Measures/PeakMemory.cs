namespace NotificationAspire.Bench.Measures;

/// <summary>
/// The highest resident memory each of the platform's processes reached while it ran, sampled twice a second:
/// growth that a phase gives back before it ends is still growth a machine must have room for.
/// </summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private readonly Dictionary<string, double> _peaks = new(StringComparer.Ordinal);
    private readonly ProcessSampling _sampling;

    private PeakMemory() => _sampling = new ProcessSampling(TimeSpan.FromMilliseconds(500), Record);

    public static PeakMemory Start() => new();

    /// <summary>Each process's highest resident memory (PSS) in MiB so far.</summary>
    public IReadOnlyDictionary<string, double> SoFar()
    {
        _sampling.SampleNow();
        lock (_peaks)
        {
            return new Dictionary<string, double>(_peaks, StringComparer.Ordinal);
        }
    }

    private void Record(IReadOnlyDictionary<string, ProcessFigures> sample)
    {
        lock (_peaks)
        {
            foreach (var (name, figures) in sample)
            {
                _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), figures.ResidentMiB);
            }
        }
    }

    public ValueTask DisposeAsync() => _sampling.DisposeAsync();
}
