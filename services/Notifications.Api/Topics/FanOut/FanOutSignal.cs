namespace Notifications.Api.Topics.FanOut;

/// <summary>Wakes the fan-out when a topic send was committed; polling stays the safety net (another replica's sends, a restart).</summary>
public sealed class FanOutSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);
}
