namespace NotificationAspire.Bench.Measures;

/// <summary>
/// The highest resident memory each of the platform's processes reached while it ran, sampled twice a second:
/// growth that a phase gives back before it ends is still growth a machine must have room for.
/// </summary>
public sealed class PeakMemory : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, double> _peaks = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private PeakMemory() => _sampling = SampleAsync();

    public static PeakMemory Start() => new();

    /// <summary>Each process's highest resident memory (PSS) in MiB so far.</summary>
    public IReadOnlyDictionary<string, double> SoFar()
    {
        Record();
        lock (_peaks)
        {
            return new Dictionary<string, double>(_peaks, StringComparer.Ordinal);
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                Record();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Record()
    {
        var sample = ProcessProbe.Sample();
        lock (_peaks)
        {
            foreach (var (name, figures) in sample)
            {
                _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), figures.ResidentMiB);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
