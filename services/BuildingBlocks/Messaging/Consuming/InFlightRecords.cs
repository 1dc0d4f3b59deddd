using Confluent.Kafka;

namespace NotificationAspire.Messaging;

/// <summary>
/// The records one consumer is handling at once: records with different keys run side by side (at most
/// <c>limit</c>), records with the same key one after another in offset order, and per partition the offset
/// up to which everything is done, which is all a commit may claim. A record finished out of order (offset 7
/// before 5) moves nothing until 5 is done too, so a crash re-reads from 5 and never skips it.
/// </summary>
/// <remarks>
/// Started and forgotten only on the consumer's thread; finished on any thread (hence the lock).
/// </remarks>
internal sealed class InFlightRecords(int limit)
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _room = new(limit, limit);
    private readonly Dictionary<TopicPartition, PartitionProgress> _partitions = [];
    private readonly Dictionary<string, KeyLane> _lanes = [];
    private int _running;

    /// <summary>How many records are started and not finished: what the worker has in flight.</summary>
    public int Count => Volatile.Read(ref _running);

    /// <summary>
    /// Waits (at most <paramref name="patience"/>) until fewer than the limit are running, and takes the room: call
    /// before <see cref="Start"/>. Blocking on purpose: the consumer's loop has a thread of its own.
    /// </summary>
    public bool WaitForRoom(TimeSpan patience, CancellationToken ct) => _room.Wait(patience, ct);

    /// <summary>Gives back the room taken by <see cref="WaitForRoom"/> when no record was started after all.</summary>
    public void ReturnRoom() => _room.Release();

    /// <summary>
    /// Runs <paramref name="handle"/> (in room taken with <see cref="WaitForRoom"/>) once every earlier record with the same key has finished. Its offset counts
    /// as done when the returned task completes, whatever the outcome: <paramref name="handle"/> must only end
    /// when the record needs no more work (handled, dead-lettered, or the consumer is shutting down).
    /// </summary>
    public Task Start(ConsumeResult<string, byte[]> record, Func<Task> handle)
    {
        var place = record.TopicPartitionOffset;
        var key = record.Message.Key ?? string.Empty;
        Task task;
        lock (_gate)
        {
            if (!_partitions.TryGetValue(place.TopicPartition, out var progress))
            {
                _partitions[place.TopicPartition] = progress = new PartitionProgress();
            }
            progress.Started(place.Offset.Value);
            _running++;
            if (!_lanes.TryGetValue(key, out var lane))
            {
                _lanes[key] = lane = new KeyLane();
            }
            task = RunAfterAsync(lane.Last, handle, place, key);
            lane.Last = task;
            lane.Waiting++;
        }
        return task;
    }

    private async Task RunAfterAsync(Task before, Func<Task> handle, TopicPartitionOffset place, string key)
    {
        // The earlier record's outcome is its own business; only its end matters here. Yield first, so the
        // consumer's thread returns at once and the handler runs on the pool.
        await before.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await Task.Yield();
        try
        {
            await handle();
        }
        finally
        {
            Finished(place, key);
        }
    }

    private void Finished(TopicPartitionOffset place, string key)
    {
        lock (_gate)
        {
            // A partition forgotten meanwhile (revoked) is its new owner's now: this record changes nothing here.
            if (_partitions.TryGetValue(place.TopicPartition, out var progress))
            {
                progress.Finished(place.Offset.Value);
            }
            // Keys come and go (one per person): a lane lives only while one of its records is in flight.
            if (_lanes.TryGetValue(key, out var lane) && --lane.Waiting == 0)
            {
                _lanes.Remove(key);
            }
            _running--;
            Monitor.PulseAll(_gate);
        }
        _room.Release();
    }

    /// <summary>Per partition, the next offset to commit where it moved since the last call: everything before it is done.</summary>
    public IReadOnlyList<TopicPartitionOffset> TakeCommittable()
    {
        lock (_gate)
        {
            var committable = new List<TopicPartitionOffset>();
            foreach (var (partition, progress) in _partitions)
            {
                if (progress.TakeAdvance() is { } next)
                {
                    committable.Add(new TopicPartitionOffset(partition, next));
                }
            }
            return committable;
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="patience"/>) for the partitions' records to finish, then forgets the
    /// partitions and returns how far each is done. What has not finished by then runs on and is read again
    /// by the partition's next owner: handlers are idempotent, so that costs time, never a message.
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset> Release(IReadOnlyCollection<TopicPartition> partitions, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        lock (_gate)
        {
            while (partitions.Any(p => _partitions.TryGetValue(p, out var progress) && progress.Busy) && DateTime.UtcNow < deadline)
            {
                Monitor.Wait(_gate, deadline - DateTime.UtcNow);
            }
            var done = new List<TopicPartitionOffset>();
            foreach (var partition in partitions)
            {
                if (_partitions.Remove(partition, out var progress) && progress.DoneUpTo is { } next)
                {
                    done.Add(new TopicPartitionOffset(partition, next));
                }
            }
            return done;
        }
    }

    /// <summary>Forgets partitions at once (lost, not revoked: their offsets can no longer be committed by us).</summary>
    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                _partitions.Remove(partition);
            }
        }
    }

    /// <summary>Waits (at most <paramref name="patience"/>, or for good with <see cref="Timeout.InfiniteTimeSpan"/>) until nothing is in flight: a graceful stop.</summary>
    public bool WaitUntilIdle(TimeSpan patience)
    {
        var deadline = patience == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + patience;
        lock (_gate)
        {
            while (_running > 0 && DateTime.UtcNow < deadline)
            {
                Monitor.Wait(_gate, patience == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : deadline - DateTime.UtcNow);
            }
            return _running == 0;
        }
    }

    /// <summary>The records of one key in flight: how many, and the last one, which the next must wait for.</summary>
    private sealed class KeyLane
    {
        public Task Last { get; set; } = Task.CompletedTask;

        public int Waiting { get; set; }
    }

    /// <summary>One partition's started and unfinished offsets, and the done mark they allow.</summary>
    private sealed class PartitionProgress
    {
        private readonly SortedSet<long> _unfinished = [];
        private long? _nextAfterStarted;
        private long? _reported;

        public bool Busy => _unfinished.Count > 0;

        /// <summary>The offset a commit may name: the lowest unfinished one, or the one after the last started.</summary>
        public long? DoneUpTo => _unfinished.Count > 0 ? _unfinished.Min : _nextAfterStarted;

        public void Started(long offset)
        {
            _unfinished.Add(offset);
            // A partition read again from an earlier offset (held and sought back) restarts its count from there.
            _nextAfterStarted = offset + 1;
        }

        public void Finished(long offset) => _unfinished.Remove(offset);

        public long? TakeAdvance()
        {
            if (DoneUpTo is not { } next || next == _reported)
            {
                return null;
            }
            _reported = next;
            return next;
        }
    }
}
