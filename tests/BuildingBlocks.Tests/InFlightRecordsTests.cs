using Confluent.Kafka;
using NotificationAspire.Messaging;

namespace BuildingBlocks.Tests;

/// <summary>
/// Concurrent consuming keeps the promises of one-at-a-time consuming: a commit never claims a record that is not
/// finished (so a crash redelivers, never skips), records of one key run in offset order, different keys side by side.
/// </summary>
public sealed class InFlightRecordsTests
{
    private static readonly TopicPartition Partition = new("notification-dispatch", 0);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_commit_stops_at_the_lowest_record_not_finished()
    {
        var records = new InFlightRecords(limit: 8);
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource()).ToArray();
        var tasks = Enumerable.Range(0, 3).Select(i => Begin(records, Record(offset: 5 + i, key: $"person-{i}"), () => gates[i].Task)).ToArray();

        gates[1].SetResult();
        gates[2].SetResult();
        await Task.WhenAll(tasks[1], tasks[2]).WaitAsync(Deadline);
        Assert.Equal([new TopicPartitionOffset(Partition, 5)], records.TakeCommittable());

        gates[0].SetResult();
        await tasks[0].WaitAsync(Deadline);
        Assert.Equal([new TopicPartitionOffset(Partition, 8)], records.TakeCommittable());
        Assert.Empty(records.TakeCommittable()); // nothing moved since
    }

    [Fact]
    public async Task Records_of_one_key_run_in_order_and_other_keys_do_not_wait_for_them()
    {
        var records = new InFlightRecords(limit: 8);
        var firstOfAlice = new TaskCompletionSource();
        var order = new List<string>();
        var aliceFirst = Begin(records, Record(1, "alice"), async () => { await firstOfAlice.Task; lock (order) order.Add("alice-1"); });
        var aliceSecond = Begin(records, Record(2, "alice"), () => { lock (order) order.Add("alice-2"); return Task.CompletedTask; });
        var bob = Begin(records, Record(3, "bob"), () => { lock (order) order.Add("bob"); return Task.CompletedTask; });

        await bob.WaitAsync(Deadline);
        Assert.False(aliceSecond.IsCompleted);

        firstOfAlice.SetResult();
        await Task.WhenAll(aliceFirst, aliceSecond).WaitAsync(Deadline);
        Assert.Equal(["bob", "alice-1", "alice-2"], order);
    }

    [Fact]
    public async Task A_failed_handler_still_lets_its_key_go_on()
    {
        var records = new InFlightRecords(limit: 8);
        var failing = Begin(records, Record(1, "alice"), () => Task.FromException(new InvalidOperationException("broken")));
        var next = Begin(records, Record(2, "alice"), () => Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Deadline));
        await next.WaitAsync(Deadline);
        Assert.Equal(0, records.Count);
    }

    [Fact]
    public void No_more_than_the_limit_start_until_one_finishes()
    {
        var records = new InFlightRecords(limit: 2);
        var gate = new TaskCompletionSource();
        for (var offset = 0; offset < 2; offset++)
        {
            _ = Begin(records, Record(offset, $"person-{offset}"), () => gate.Task);
        }

        Assert.False(records.WaitForRoom(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        gate.SetResult();
        Assert.True(records.WaitForRoom(Deadline, CancellationToken.None));
    }

    [Fact]
    public async Task A_partition_handed_over_reports_how_far_it_got_and_is_forgotten()
    {
        var records = new InFlightRecords(limit: 8);
        var stuck = new TaskCompletionSource();
        var finished = Begin(records, Record(10, "alice"), () => Task.CompletedTask);
        var straggler = Begin(records, Record(11, "bob"), () => stuck.Task);
        await finished.WaitAsync(Deadline); // on a busy machine the pool may not have run it before the hand-over gives up

        var handedOver = records.Release([Partition], TimeSpan.FromMilliseconds(200));
        Assert.Equal([new TopicPartitionOffset(Partition, 11)], handedOver);

        stuck.SetResult();
        await straggler.WaitAsync(Deadline);
        Assert.Empty(records.TakeCommittable()); // the partition is its next owner's now
    }

    [Fact]
    public async Task A_partition_read_again_from_a_held_record_commits_no_further_than_it()
    {
        var records = new InFlightRecords(limit: 8);
        await Begin(records, Record(20, "alice"), () => Task.CompletedTask).WaitAsync(Deadline);
        Assert.Equal([new TopicPartitionOffset(Partition, 21)], records.TakeCommittable());

        // Offset 21 was not due and is held: nothing past it starts, and it starts again when due.
        var held = Begin(records, Record(21, "bob"), () => Task.CompletedTask);
        await held.WaitAsync(Deadline);
        Assert.Equal([new TopicPartitionOffset(Partition, 22)], records.TakeCommittable());
    }

    /// <summary>As the consumer does: room first, then the record.</summary>
    private static Task Begin(InFlightRecords records, ConsumeResult<string, byte[]> record, Func<Task> handle)
    {
        Assert.True(records.WaitForRoom(TimeSpan.Zero, CancellationToken.None), "no room for the record");
        return records.Start(record, handle);
    }

    private static ConsumeResult<string, byte[]> Record(long offset, string key) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(Partition, offset),
        Message = new Message<string, byte[]> { Key = key, Value = [] },
    };
}
