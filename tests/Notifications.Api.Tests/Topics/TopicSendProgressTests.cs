using Notifications.Api.Model;
using Notifications.Api.Tests.Status;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Tests.Topics;

/// <summary>A topic send's status: its subscribers are known by the worker's reports, and nothing is final before the fan-out is.</summary>
public sealed class TopicSendProgressTests
{
    [Fact]
    public void Subscribers_reported_count_beside_the_named_recipients()
    {
        var send = new ReportedDeliveries("alice").Report("alice", DeliveryStates.Delivered).Report("sub-1", DeliveryStates.Failed);

        Assert.Equal(NotificationStatus.PartiallyDelivered, send.Status);
    }

    [Fact]
    public void A_subscriber_held_back_keeps_it_from_final() =>
        Assert.Equal(NotificationStatus.Waiting, new ReportedDeliveries()
            .Report("sub-1", DeliveryStates.Delivered).Report("sub-2", DeliveryStates.Waiting).Status);

    [Fact]
    public void Everyone_reported_delivered_is_not_delivered_while_the_fan_out_has_pages_to_write()
    {
        var send = new ReportedDeliveries("alice").Report("alice", DeliveryStates.Delivered).Report("sub-1", DeliveryStates.Delivered);

        Assert.Equal(NotificationStatus.Dispatched, send.StatusWhileFanningOut);
        Assert.Equal(NotificationStatus.Delivered, send.Status);
    }

    [Fact]
    public void A_state_that_is_not_final_is_kept_while_fanning_out() =>
        Assert.Equal(NotificationStatus.Retrying, new ReportedDeliveries()
            .Report("sub-1", DeliveryStates.Retrying).StatusWhileFanningOut);

    [Fact]
    public void A_topic_without_subscribers_and_nobody_named_is_skipped() =>
        Assert.Equal(NotificationStatus.Skipped, new ReportedDeliveries().Status);
}
