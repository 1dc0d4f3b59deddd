namespace Notifications.Api.Webhooks;

/// <summary>
/// Wakes the dispatcher when messages were committed, so a status webhook does not wait for the next poll.
/// Polling stays the safety net (retries coming due, messages another replica recorded).
/// </summary>
public sealed class WebhookSignal
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
