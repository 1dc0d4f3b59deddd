using Delivery.Worker.Delivering;
using Delivery.Worker.Model;
using Delivery.Worker.Tests.Model;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Tests.Delivering;

/// <summary>A delivery's status event comes from its stored state alone, so announcing it again yields the same event.</summary>
public sealed class DeliveryStatusEventTests
{
    [Fact]
    public void Announcing_the_same_state_twice_gives_the_same_event()
    {
        var delivery = Deliveries.In(DeliveryState.Retrying, Deliveries.Clock());

        Assert.Equal(delivery.StatusEventOptions(), delivery.StatusEventOptions());
        Assert.Equal(delivery.ToStatusEvent(), delivery.ToStatusEvent());
    }

    [Fact]
    public void The_event_id_names_the_delivery_its_state_and_its_attempt_count()
    {
        var delivery = Deliveries.In(DeliveryState.Retrying, Deliveries.Clock());

        Assert.Equal($"{delivery.DeliveryKey}:Retrying:1", delivery.StatusEventOptions().EventId);
    }

    [Fact]
    public void A_replay_that_fails_again_is_a_new_event_not_a_duplicate_of_the_first_failure()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Failed, clock);
        var firstFailure = delivery.StatusEventOptions().EventId;

        delivery.AcceptReplay("replay-1");
        delivery.BeginAttempt(1, clock.GetUtcNow());
        delivery.MarkFailed("550 mailbox unavailable", clock.GetUtcNow());

        Assert.NotEqual(firstFailure, delivery.StatusEventOptions().EventId);
    }

    [Fact]
    public void A_status_event_tells_of_interrupted_sends()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        clock.Advance(Deliveries.Lease);
        delivery.TakeOverInterruptedSend();
        delivery.BeginAttempt(1, clock.GetUtcNow());
        delivery.MarkDelivered(null, clock.GetUtcNow());

        var change = delivery.ToStatusEvent();

        Assert.Equal(1, change.InterruptedSends);
        Assert.Equal(2, change.AttemptNumber);
        Assert.Equal(DeliveryStates.Delivered, change.State);
    }

    [Fact]
    public void A_waiting_delivery_says_why_and_a_delivered_one_repeats_no_earlier_error()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Waiting, clock);
        Assert.Equal("rate limit: recipient", delivery.ToStatusEvent().Error);

        delivery.BeginAttempt(1, clock.GetUtcNow());
        delivery.MarkDelivered(null, clock.GetUtcNow());

        Assert.Null(delivery.ToStatusEvent().Error);
    }
}
