using Confluent.Kafka;

namespace NotificationAspire.Messaging;

/// <summary>
/// Partitions paused because their head record is not due yet (see <see cref="KafkaConsumerService.DueAt"/>):
/// where to read again and when. Records on a topic of delayed work (a retry tier) share a delay, so the head
/// of a partition is (nearly) always the next one due, and holding the partition at it loses nothing while
/// the other partitions go on.
/// </summary>
public sealed class HeldPartitions
{
    private readonly Dictionary<TopicPartition, (Offset Offset, DateTimeOffset DueAt)> _held = [];

    public void Hold(TopicPartitionOffset head, DateTimeOffset dueAt) => _held[head.TopicPartition] = (head.Offset, dueAt);

    /// <summary>The offset a held partition must be read from again, if it is held.</summary>
    public TopicPartitionOffset? HeadOf(TopicPartition partition) =>
        _held.TryGetValue(partition, out var held) ? new TopicPartitionOffset(partition, held.Offset) : null;

    /// <summary>Releases and returns the partitions whose head is due at <paramref name="now"/>.</summary>
    public IReadOnlyList<TopicPartition> ReleaseDue(DateTimeOffset now)
    {
        var due = _held.Where(h => h.Value.DueAt <= now).Select(h => h.Key).ToList();
        foreach (var partition in due)
        {
            _held.Remove(partition);
        }
        return due;
    }

    /// <summary>Partitions no longer ours (a rebalance) are forgotten; whoever gets them reads from the committed offset.</summary>
    public IReadOnlyList<TopicPartition> Forget(IEnumerable<TopicPartition> partitions) => partitions.Where(_held.Remove).ToList();

    /// <summary>How long the consumer may block waiting for records before a held partition falls due.</summary>
    public TimeSpan WaitBefore(DateTimeOffset now, TimeSpan longest)
    {
        if (_held.Count == 0)
        {
            return longest;
        }
        var untilNext = _held.Values.Min(h => h.DueAt) - now;
        return untilNext <= TimeSpan.Zero ? TimeSpan.Zero : untilNext < longest ? untilNext : longest;
    }
}
