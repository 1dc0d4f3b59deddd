namespace NotificationAspire.Bench.Measures;

/// <summary>
/// Samples the platform's processes (<see cref="ProcessProbe"/>) on a timer, from its start until it is disposed,
/// handing each sample to <c>record</c>: what <see cref="PeakMemory"/> and <see cref="MemoryTrend"/> keep of them differs.
/// </summary>
public sealed class ProcessSampling : IAsyncDisposable
{
    private readonly Action<IReadOnlyDictionary<string, ProcessFigures>> _record;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ProcessSampling(TimeSpan every, Action<IReadOnlyDictionary<string, ProcessFigures>> record)
    {
        _record = record;
        _sampling = SampleAsync(every);
    }

    /// <summary>One sample now, besides the timer's (so a reading is never older than the moment it is asked for).</summary>
    public void SampleNow() => _record(ProcessProbe.Sample());

    private async Task SampleAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            do
            {
                SampleNow();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
