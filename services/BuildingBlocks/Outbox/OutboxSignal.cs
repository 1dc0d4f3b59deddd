namespace NotificationAspire.Outbox;

/// <summary>
/// Wakes the relay as soon as a transaction with outbox rows committed, so publishing does not wait for the
/// next poll. Polling stays as the safety net for rows written before a crash or by another replica.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
