using Delivery.Worker.Delivering;
using NotificationAspire.Contracts;

namespace Delivery.Worker.Tests.Delivering;

/// <summary>`Delivery:Retry` names each of its problems at startup, and the defaults have none.</summary>
public sealed class RetryOptionsTests
{
    [Fact]
    public void The_default_settings_have_no_problem() =>
        Assert.Empty(Valid().Problems());

    [Fact]
    public void One_delay_per_retry_tier_is_required() =>
        Assert.Single(With(o => o.Delays = [TimeSpan.FromSeconds(1)]).Problems(), p => p.Contains($"({KafkaTopics.RetryTiers.Count})"));

    [Fact]
    public void A_zero_delay_is_a_problem() =>
        Assert.Single(With(o => o.Delays[1] = TimeSpan.Zero).Problems(), p => p.Contains("positive"));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Fewer_than_one_attempt_is_a_problem(int maxAttempts) =>
        Assert.Single(With(o => o.MaxAttempts = maxAttempts).Problems(), p => p.Contains("MaxAttempts"));

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.99, false)]
    [InlineData(1.0, true)]
    [InlineData(-0.01, true)]
    public void Jitter_must_be_at_least_0_and_below_1(double jitter, bool problem) =>
        Assert.Equal(problem, With(o => o.Jitter = jitter).Problems().Any(p => p.Contains("Jitter")));

    [Fact]
    public void A_sending_lease_of_zero_is_a_problem() =>
        Assert.Single(With(o => o.SendingLease = TimeSpan.Zero).Problems(), p => p.Contains("SendingLease"));

    [Fact]
    public void A_send_ends_well_inside_its_lease()
    {
        var options = With(o => o.SendingLease = TimeSpan.FromSeconds(15));

        Assert.Equal(TimeSpan.FromSeconds(12), options.SendBudget);
        // The defaults leave a default email send (10 s for a step, 30 s for the verdict) inside the budget.
        Assert.True(TimeSpan.FromSeconds(40) < Valid().SendBudget);
    }

    [Fact]
    public void Every_problem_is_named_not_only_the_first()
    {
        var options = With(o => { o.Delays = []; o.MaxAttempts = 0; o.Jitter = 2; o.SendingLease = TimeSpan.Zero; });

        Assert.Equal(4, options.Problems().Count());
    }

    private static DeliveryRetryOptions Valid() => new() { Delays = [.. DeliveryRetryOptions.DefaultDelays] };

    private static DeliveryRetryOptions With(Action<DeliveryRetryOptions> change)
    {
        var options = Valid();
        change(options);
        return options;
    }
}
