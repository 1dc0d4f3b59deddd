using Delivery.Worker.Delivering;
using NotificationAspire.Contracts;

namespace Delivery.Worker.Tests.Delivering;

/// <summary>When a retry is due: its tier's delay, varied by the jitter within its bounds, to the millisecond.</summary>
public sealed class RetryDueTimeTests
{
    private const int Draws = 1000;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_jitter_a_retry_is_due_after_exactly_its_tier_delay()
    {
        var schedule = RetrySchedules.Create(jitter: 0);

        Assert.Equal(
            [Now + RetrySchedules.Short, Now + RetrySchedules.Medium, Now + RetrySchedules.Long],
            [.. KafkaTopics.RetryTiers.Select(tier => schedule.DueAt(tier, Now))]);
    }

    [Fact]
    public void The_jitter_keeps_every_due_time_within_its_share_of_the_delay_either_way()
    {
        var schedule = RetrySchedules.Create(jitter: 0.2);
        foreach (var (tier, delay) in KafkaTopics.RetryTiers.Zip([RetrySchedules.Short, RetrySchedules.Medium, RetrySchedules.Long]))
        {
            for (var i = 0; i < Draws; i++)
            {
                Assert.InRange(schedule.DueAt(tier, Now), Now + delay * 0.8, Now + delay * 1.2);
            }
        }
    }

    [Fact]
    public void The_jitter_spreads_due_times_over_both_sides_of_the_delay_out_to_near_its_bounds()
    {
        // A draw lands in the outer tenth of a side (below 0.82 or above 1.18) with probability 0.05: none of 1000 do
        // with probability 0.95^1000, about 5e-23.
        var schedule = RetrySchedules.Create(jitter: 0.2);
        var waits = Enumerable.Range(0, Draws).Select(_ => schedule.DueAt(KafkaTopics.RetryTiers[1], Now) - Now).ToList();

        Assert.Contains(waits, w => w < RetrySchedules.Medium * 0.82);
        Assert.Contains(waits, w => w > RetrySchedules.Medium * 1.18);
    }

    [Fact]
    public void A_due_time_is_cut_to_the_millisecond_so_it_survives_JSON_and_the_database()
    {
        var now = Now + TimeSpan.FromTicks(4_567);

        var due = RetrySchedules.Create(jitter: 0).DueAt(KafkaTopics.RetryTiers[0], now);

        Assert.Equal(Now + RetrySchedules.Short, due);
        Assert.Equal(due, RetrySchedule.Milliseconds(due));
    }

    [Fact]
    public void A_topic_that_is_not_a_retry_tier_has_no_due_time() =>
        Assert.Throws<ArgumentException>(() => RetrySchedules.Create().DueAt(KafkaTopics.NotificationDispatch, Now));
}
