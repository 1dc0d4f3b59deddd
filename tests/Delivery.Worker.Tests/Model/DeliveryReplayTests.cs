using Delivery.Worker.Model;

namespace Delivery.Worker.Tests.Model;

/// <summary>Only a failed delivery is replayed, once per replay id, and the replay starts a run of its own.</summary>
public sealed class DeliveryReplayTests
{
    [Fact]
    public void A_failed_delivery_can_be_replayed_by_a_new_replay_id() =>
        Assert.True(Deliveries.In(DeliveryState.Failed, Deliveries.Clock()).CanBeReplayedBy("replay-1"));

    [Fact]
    public void A_record_without_a_replay_id_does_not_replay_a_failed_delivery() =>
        Assert.False(Deliveries.In(DeliveryState.Failed, Deliveries.Clock()).CanBeReplayedBy(null));

    [Fact]
    public void After_a_failed_replay_a_record_without_a_replay_id_does_not_replay_it_again()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Failed, clock);
        delivery.AcceptReplay("replay-1");
        delivery.BeginAttempt(1, clock.GetUtcNow());
        delivery.MarkFailed("550 mailbox unavailable", clock.GetUtcNow());

        Assert.False(delivery.CanBeReplayedBy(null));
    }

    [Theory]
    [InlineData(DeliveryState.Sending)]
    [InlineData(DeliveryState.Retrying)]
    [InlineData(DeliveryState.Waiting)]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Cancelled)]
    public void Only_a_failed_delivery_can_be_replayed(DeliveryState state) =>
        Assert.False(Deliveries.In(state, Deliveries.Clock()).CanBeReplayedBy("replay-1"));

    [Fact]
    public void A_replay_id_sends_at_most_once_even_when_its_run_failed_again()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Failed, clock);

        delivery.AcceptReplay("replay-1");
        delivery.BeginAttempt(1, clock.GetUtcNow());
        delivery.MarkFailed("550 mailbox unavailable", clock.GetUtcNow());

        Assert.False(delivery.CanBeReplayedBy("replay-1"));
        Assert.True(delivery.CanBeReplayedBy("replay-2"));
    }

    [Fact]
    public void A_replay_run_starts_again_at_attempt_one_while_the_attempt_count_goes_on()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);
        delivery.BeginAttempt(2, clock.GetUtcNow());
        delivery.MarkFailed("gave up", clock.GetUtcNow());

        delivery.AcceptReplay("replay-1");
        delivery.BeginAttempt(1, clock.GetUtcNow());

        Assert.Equal("replay-1", delivery.LastReplayId);
        Assert.Equal(1, delivery.ScheduledAttempt);
        Assert.Equal(3, delivery.AttemptCount);
    }

    [Fact]
    public void A_new_delivery_awaits_its_first_attempt_of_no_replay() =>
        Assert.True(Deliveries.New(Deliveries.Clock()).Awaits(1, null));

    [Fact]
    public void A_record_of_an_attempt_already_taken_is_not_awaited()
    {
        var delivery = Deliveries.In(DeliveryState.Retrying, Deliveries.Clock());

        Assert.False(delivery.Awaits(1, null));
        Assert.True(delivery.Awaits(2, null));
    }

    [Fact]
    public void After_a_replay_a_record_of_the_earlier_run_is_not_awaited()
    {
        var delivery = Deliveries.In(DeliveryState.Failed, Deliveries.Clock());

        delivery.AcceptReplay("replay-1");

        Assert.False(delivery.Awaits(1, null));
        Assert.False(delivery.Awaits(1, "replay-0"));
        Assert.True(delivery.Awaits(1, "replay-1"));
    }
}
