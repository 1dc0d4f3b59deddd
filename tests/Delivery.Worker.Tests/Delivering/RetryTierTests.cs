using NotificationAspire.Contracts;

namespace Delivery.Worker.Tests.Delivering;

/// <summary>Which retry tier carries a retry, and which one a wait not of our choosing goes on.</summary>
public sealed class RetryTierTests
{
    private static readonly KafkaTopic ShortTier = KafkaTopics.RetryTiers[0];
    private static readonly KafkaTopic MediumTier = KafkaTopics.RetryTiers[1];
    private static readonly KafkaTopic LongTier = KafkaTopics.RetryTiers[2];

    [Fact]
    public void The_first_retry_goes_on_the_shortest_tier() =>
        Assert.Equal(ShortTier, RetrySchedules.Create().TierForAttempt(2));

    [Fact]
    public void Each_later_retry_goes_one_tier_longer() =>
        Assert.Equal([ShortTier, MediumTier, LongTier], [.. new[] { 2, 3, 4 }.Select(RetrySchedules.Create().TierForAttempt)]);

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    public void Retries_beyond_the_last_tier_stay_on_the_last_tier(int attempt) =>
        Assert.Equal(LongTier, RetrySchedules.Create().TierForAttempt(attempt));

    [Fact]
    public void A_first_attempt_asked_for_a_tier_gets_the_shortest() =>
        Assert.Equal(ShortTier, RetrySchedules.Create().TierForAttempt(1));

    [Fact]
    public void A_wait_shorter_than_the_medium_delay_goes_on_the_shortest_tier()
    {
        var schedule = RetrySchedules.Create();

        Assert.Equal(ShortTier, schedule.TierForWait(TimeSpan.Zero));
        Assert.Equal(ShortTier, schedule.TierForWait(RetrySchedules.Short));
        Assert.Equal(ShortTier, schedule.TierForWait(RetrySchedules.Medium - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_wait_as_long_as_a_tier_delay_goes_on_that_tier()
    {
        var schedule = RetrySchedules.Create();

        Assert.Equal(MediumTier, schedule.TierForWait(RetrySchedules.Medium));
        Assert.Equal(LongTier, schedule.TierForWait(RetrySchedules.Long));
    }

    [Fact]
    public void A_wait_between_two_delays_goes_on_the_longest_tier_not_longer_than_the_wait() =>
        Assert.Equal(MediumTier, RetrySchedules.Create().TierForWait(RetrySchedules.Long - TimeSpan.FromTicks(1)));

    [Fact]
    public void A_wait_longer_than_every_delay_goes_on_the_longest_tier() =>
        Assert.Equal(LongTier, RetrySchedules.Create().TierForWait(TimeSpan.FromHours(3)));

    [Fact]
    public void A_wait_already_over_goes_on_the_shortest_tier() =>
        Assert.Equal(ShortTier, RetrySchedules.Create().TierForWait(TimeSpan.FromSeconds(-5)));
}
