using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Inbox.Api.Live;

/// <summary>
/// Who is watching which inbox in this process, and waking them when their inbox changes. A wake-up carries no data:
/// the watcher reads its inbox after the last item it sent, so a missed or doubled wake-up costs nothing.
/// </summary>
public sealed class InboxChanges
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Channel<bool>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Starts watching; dispose the result to stop.</summary>
    public InboxWatch Watch(string userId)
    {
        var id = Guid.NewGuid();
        // One pending wake-up is enough: it means "look again".
        var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        _watchers.GetOrAdd(userId, _ => new ConcurrentDictionary<Guid, Channel<bool>>())[id] = signal;
        return new InboxWatch(signal.Reader, () =>
        {
            if (_watchers.TryGetValue(userId, out var mine))
            {
                mine.TryRemove(id, out _);
            }
        });
    }

    public void Changed(string userId)
    {
        if (_watchers.TryGetValue(userId, out var watchers))
        {
            foreach (var signal in watchers.Values)
            {
                signal.Writer.TryWrite(true);
            }
        }
    }

    /// <summary>Every watcher: after a lost connection to PostgreSQL a wake-up may have been missed.</summary>
    public void ChangedForEveryone()
    {
        foreach (var userId in _watchers.Keys)
        {
            Changed(userId);
        }
    }
}

/// <summary>One watcher's wake-ups.</summary>
public sealed class InboxWatch(ChannelReader<bool> signals, Action stop) : IDisposable
{
    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            return await signals.ReadAsync(timer.Token) || true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => stop();
}
