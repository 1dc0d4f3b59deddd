using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Tests.Status;

/// <summary>A notification's status from the latest reported state of each delivery (recipient and channel).</summary>
public sealed class NotificationProgressTests
{
    [Fact]
    public void Delivered_to_every_recipient_is_delivered() =>
        Assert.Equal(NotificationStatus.Delivered, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Delivered).Report("bob", DeliveryStates.Delivered).Status);

    [Theory]
    [InlineData(DeliveryStates.Failed)]
    [InlineData(DeliveryStates.Cancelled)]
    public void Delivered_to_some_and_final_for_the_others_is_partially_delivered(string otherState) =>
        Assert.Equal(NotificationStatus.PartiallyDelivered, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Delivered).Report("bob", otherState).Status);

    [Fact]
    public void Failed_for_every_recipient_is_failed() =>
        Assert.Equal(NotificationStatus.Failed, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Failed).Report("bob", DeliveryStates.Failed).Status);

    [Fact]
    public void Failed_for_some_and_cancelled_for_the_others_is_failed() =>
        Assert.Equal(NotificationStatus.Failed, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Cancelled).Report("bob", DeliveryStates.Failed).Status);

    [Fact]
    public void Cancelled_for_every_recipient_is_cancelled() =>
        Assert.Equal(NotificationStatus.Cancelled, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Cancelled).Report("bob", DeliveryStates.Cancelled).Status);

    [Fact]
    public void Nothing_reported_yet_is_dispatched() =>
        Assert.Equal(NotificationStatus.Dispatched, new ReportedDeliveries("alice", "bob").Status);

    [Fact]
    public void A_recipient_with_no_report_yet_keeps_the_others_delivery_from_being_final() =>
        Assert.Equal(NotificationStatus.Dispatched, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Delivered).Status);

    [Fact]
    public void One_delivery_retrying_while_the_others_are_final_is_retrying() =>
        Assert.Equal(NotificationStatus.Retrying, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Delivered).Report("bob", DeliveryStates.Retrying).Status);

    [Fact]
    public void Waiting_outranks_retrying() =>
        Assert.Equal(NotificationStatus.Waiting, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Retrying).Report("bob", DeliveryStates.Waiting).Status);

    [Fact]
    public void Scheduled_when_every_delivery_not_yet_final_waits_for_its_time() =>
        Assert.Equal(NotificationStatus.Scheduled, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Scheduled).Report("bob", DeliveryStates.Delivered).Status);

    [Fact]
    public void A_recipient_not_reported_yet_or_retrying_beside_a_scheduled_one_is_not_scheduled()
    {
        Assert.Equal(NotificationStatus.Dispatched, new ReportedDeliveries("alice", "bob").Report("alice", DeliveryStates.Scheduled).Status);
        Assert.Equal(NotificationStatus.Retrying, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Scheduled).Report("bob", DeliveryStates.Retrying).Status);
    }

    [Fact]
    public void A_later_report_replaces_an_earlier_one()
    {
        var deliveries = new ReportedDeliveries("alice").Report("alice", DeliveryStates.Retrying);
        deliveries.Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(NotificationStatus.Delivered, deliveries.Report("alice", DeliveryStates.Delivered, attemptNumber: 2).Status);
    }

    [Fact]
    public void The_time_of_a_report_decides_not_the_order_it_arrived_in()
    {
        // A deferral gives its attempt back, so Waiting comes with the attempt number of the Retrying before it.
        var deliveries = new ReportedDeliveries("alice");
        var now = deliveries.Clock.GetUtcNow();
        deliveries.Report("alice", DeliveryStates.Waiting, attemptNumber: 1, at: now + TimeSpan.FromSeconds(10));

        Assert.Equal(NotificationStatus.Waiting, deliveries.Report("alice", DeliveryStates.Retrying, attemptNumber: 1, at: now).Status);
    }

    [Fact]
    public void Of_two_reports_at_the_same_time_the_higher_attempt_number_is_the_later() =>
        Assert.Equal(NotificationStatus.Retrying, new ReportedDeliveries("alice")
            .Report("alice", DeliveryStates.Retrying, attemptNumber: 2).Report("alice", DeliveryStates.Waiting, attemptNumber: 1).Status);

    [Fact]
    public void A_final_state_outranks_a_non_final_one_reported_at_the_same_time() =>
        // A cancellation keeps the attempt count, so it can carry the same time and number as the retry it stopped.
        Assert.Equal(NotificationStatus.Cancelled, new ReportedDeliveries("alice")
            .Report("alice", DeliveryStates.Cancelled).Report("alice", DeliveryStates.Retrying).Status);

    [Fact]
    public void A_replay_that_delivered_after_the_failure_makes_the_notification_delivered()
    {
        var deliveries = new ReportedDeliveries("alice").Report("alice", DeliveryStates.Failed, attemptNumber: 5);
        deliveries.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(NotificationStatus.Delivered, deliveries.Report("alice", DeliveryStates.Delivered, attemptNumber: 6).Status);
    }

    [Fact]
    public void Skipped_for_every_recipient_is_skipped_not_failed() =>
        Assert.Equal(NotificationStatus.Skipped, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Skipped).Report("bob", DeliveryStates.Skipped).Status);

    [Fact]
    public void Delivered_to_some_and_skipped_for_the_others_is_delivered_since_skips_are_deliberate() =>
        Assert.Equal(NotificationStatus.Delivered, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Delivered).Report("bob", DeliveryStates.Skipped).Status);

    [Theory]
    [InlineData(DeliveryStates.Failed, NotificationStatus.Failed)]
    [InlineData(DeliveryStates.Cancelled, NotificationStatus.Cancelled)]
    public void A_skip_beside_another_final_state_leaves_that_state(string other, NotificationStatus status) =>
        Assert.Equal(status, new ReportedDeliveries("alice", "bob").Report("alice", DeliveryStates.Skipped).Report("bob", other).Status);

    [Fact]
    public void A_skip_is_final_so_it_does_not_wait_for_more_reports() =>
        Assert.Equal(NotificationStatus.Skipped, new ReportedDeliveries("alice")
            .Report("alice", DeliveryStates.Waiting).Report("alice", DeliveryStates.Skipped).Status);

    [Fact]
    public void Skipped_for_one_while_another_is_in_flight_is_still_in_flight() =>
        Assert.Equal(NotificationStatus.Retrying, new ReportedDeliveries("alice", "bob")
            .Report("alice", DeliveryStates.Skipped).Report("bob", DeliveryStates.Retrying).Status);

    [Fact]
    public void Each_channel_of_a_recipient_is_a_delivery_of_its_own()
    {
        var deliveries = new ReportedDeliveries("alice")
            .Report("alice", DeliveryStates.Delivered, channel: "email")
            .Report("alice", DeliveryStates.Retrying, channel: "sms");

        Assert.Equal(NotificationStatus.Retrying, deliveries.Status);
        Assert.Equal(NotificationStatus.PartiallyDelivered, deliveries.Report("alice", DeliveryStates.Failed, channel: "sms").Status);
    }

    [Fact]
    public void A_channel_skipped_beside_one_delivered_is_delivered() =>
        Assert.Equal(NotificationStatus.Delivered, new ReportedDeliveries("alice")
            .Report("alice", DeliveryStates.Skipped, channel: "sms").Report("alice", DeliveryStates.Delivered, channel: "email").Status);
}
