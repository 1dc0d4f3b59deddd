using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Tests.Status;

/// <summary>
/// A first-success send (`channels: ["sms","email"]`) is one outcome per person: a channel that fails while
/// another is still to be tried is not the end, and a later channel delivering makes the whole delivered.
/// </summary>
public sealed class FirstSuccessProgressTests
{
    private static ReportedDeliveries SmsThenEmail(params string[] recipients) =>
        new(["sms", "email"], ChannelStrategies.FirstSuccess, recipients);

    [Fact]
    public void A_failed_first_channel_with_the_next_not_yet_reported_is_still_under_way() =>
        Assert.Equal(NotificationStatus.Dispatched, SmsThenEmail("alice")
            .Report("alice", DeliveryStates.Failed, channel: "sms").Status);

    [Fact]
    public void Delivered_on_the_fallback_channel_is_delivered_not_partially() =>
        Assert.Equal(NotificationStatus.Delivered, SmsThenEmail("alice")
            .Report("alice", DeliveryStates.Failed, channel: "sms")
            .Report("alice", DeliveryStates.Delivered, channel: "email").Status);

    [Fact]
    public void Every_channel_failing_is_failed() =>
        Assert.Equal(NotificationStatus.Failed, SmsThenEmail("alice")
            .Report("alice", DeliveryStates.Skipped, channel: "sms")
            .Report("alice", DeliveryStates.Failed, channel: "email").Status);

    [Fact]
    public void A_fallback_waiting_out_quiet_hours_is_waiting() =>
        Assert.Equal(NotificationStatus.Waiting, SmsThenEmail("alice", "bob")
            .Report("alice", DeliveryStates.Delivered, channel: "sms")
            .Report("bob", DeliveryStates.Skipped, channel: "sms")
            .Report("bob", DeliveryStates.Waiting, channel: "email").Status);

    [Fact]
    public void With_all_each_channel_counts_on_its_own() =>
        Assert.Equal(NotificationStatus.PartiallyDelivered, new ReportedDeliveries(["sms", "email"], ChannelStrategies.All, "alice")
            .Report("alice", DeliveryStates.Failed, channel: "sms")
            .Report("alice", DeliveryStates.Delivered, channel: "email").Status);
}
