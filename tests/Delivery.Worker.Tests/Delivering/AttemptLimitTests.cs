namespace Delivery.Worker.Tests.Delivering;

/// <summary>How many attempts a delivery gets before a transient failure becomes a dead letter, and the sending lease.</summary>
public sealed class AttemptLimitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_failed_attempt_before_the_limit_is_retried(int attempt) =>
        Assert.False(RetrySchedules.Create(maxAttempts: 5).IsLastAttempt(attempt));

    [Fact]
    public void A_failed_attempt_at_the_limit_goes_to_the_dead_letters() =>
        Assert.True(RetrySchedules.Create(maxAttempts: 5).IsLastAttempt(5));

    [Fact]
    public void An_attempt_beyond_the_limit_goes_to_the_dead_letters_too() =>
        Assert.True(RetrySchedules.Create(maxAttempts: 5).IsLastAttempt(6));

    [Fact]
    public void With_a_limit_of_one_the_first_failure_is_final() =>
        Assert.True(RetrySchedules.Create(maxAttempts: 1).IsLastAttempt(1));

    [Fact]
    public void The_schedule_gives_the_configured_attempt_limit_and_sending_lease()
    {
        var schedule = RetrySchedules.Create(maxAttempts: 7, sendingLease: TimeSpan.FromSeconds(90));

        Assert.Equal(7, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(90), schedule.SendingLease);
    }
}
