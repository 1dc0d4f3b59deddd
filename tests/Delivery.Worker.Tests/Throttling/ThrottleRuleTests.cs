using Delivery.Worker.Throttling;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Tests.Throttling;

/// <summary>At most N messages of a category per person, channel and period; the rest collected in a digest or dropped, as configured.</summary>
public sealed class ThrottleRuleTests
{
    private static readonly CategoryThrottle ThreeAnHour = new() { Limit = 3, Period = TimeSpan.FromHours(1), Excess = ThrottleExcess.Digest };

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Under_the_limit_a_message_is_sent(int sent) =>
        Assert.Null(ThrottleRule.Excess(ThreeAnHour, "general", "email", sent));

    [Fact]
    public void Over_the_limit_a_message_is_collected_in_the_categorys_throttle_digest_for_the_period()
    {
        var excess = ThrottleRule.Excess(ThreeAnHour, "general", "email", 3);

        Assert.Equal(new DigestRequest("throttle:general", TimeSpan.FromHours(1)), excess!.Value.Digest);
        Assert.Null(excess.Value.DropReason);
    }

    [Fact]
    public void Over_the_limit_with_drop_a_message_is_dropped_with_a_reason_saying_throttled()
    {
        var drop = new CategoryThrottle { Limit = 3, Period = TimeSpan.FromHours(1), Excess = ThrottleExcess.Drop };

        var excess = ThrottleRule.Excess(drop, "general", "sms", 5);

        Assert.Null(excess!.Value.Digest);
        Assert.StartsWith("Throttled: at most 3 'general' messages per 01:00:00 on sms", excess.Value.DropReason);
    }

    [Fact]
    public void A_period_longer_than_a_digest_window_collects_for_a_day()
    {
        var weekly = new CategoryThrottle { Limit = 1, Period = TimeSpan.FromDays(7) };

        Assert.Equal(DigestRequest.MaxWindow, ThrottleRule.Excess(weekly, "newsletters", "email", 1)!.Value.Digest!.Window);
    }

    [Fact]
    public void A_category_without_a_throttle_is_never_held_back() =>
        Assert.Null(ThrottleRule.Excess(null, "general", "email", 1_000));
}
