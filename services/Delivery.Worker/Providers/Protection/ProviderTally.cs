namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// How one provider's sends went since the window began: counted on the send path with interlocked increments only,
/// read and restarted by the heartbeat (<see cref="TakeWindow"/>), read without restarting by transition reports.
/// </summary>
public sealed class ProviderTally(DateTimeOffset startedAt)
{
    private readonly Lock gate = new();
    private long accepted;
    private long rejected;
    private long failed;
    private long deferred;
    private DateTimeOffset windowStart = startedAt;

    public void Answered(ChannelSendResult result)
    {
        switch (result)
        {
            case ChannelSendResult.Accepted:
                Interlocked.Increment(ref accepted);
                break;
            case ChannelSendResult.Rejected:
                Interlocked.Increment(ref rejected);
                break;
            case ChannelSendResult.Deferred:
                Interlocked.Increment(ref deferred);
                break;
        }
    }

    public void Failed() => Interlocked.Increment(ref failed);

    public void Deferred() => Interlocked.Increment(ref deferred);

    /// <summary>The counts so far in this window, and when it began.</summary>
    public TallyWindow Peek()
    {
        lock (gate)
        {
            return new TallyWindow(windowStart, Volatile.Read(ref accepted), Volatile.Read(ref rejected), Volatile.Read(ref failed), Volatile.Read(ref deferred));
        }
    }

    /// <summary>The counts of the window ending <paramref name="now"/>; the next window starts empty then.</summary>
    public TallyWindow TakeWindow(DateTimeOffset now)
    {
        lock (gate)
        {
            var window = new TallyWindow(windowStart, Interlocked.Exchange(ref accepted, 0), Interlocked.Exchange(ref rejected, 0),
                Interlocked.Exchange(ref failed, 0), Interlocked.Exchange(ref deferred, 0));
            windowStart = now;
            return window;
        }
    }
}

/// <summary>A provider's sends by outcome since <paramref name="Since"/>.</summary>
public sealed record TallyWindow(DateTimeOffset Since, long Accepted, long Rejected, long Failed, long Deferred);
