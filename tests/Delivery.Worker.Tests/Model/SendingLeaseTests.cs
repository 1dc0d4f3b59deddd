using Delivery.Worker.Model;

namespace Delivery.Worker.Tests.Model;

/// <summary>A send in progress is left alone for the sending lease; after it the attempt is presumed lost and taken over.</summary>
public sealed class SendingLeaseTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void A_send_just_started_is_in_flight()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);

        Assert.True(delivery.IsInFlight(clock.GetUtcNow(), Deliveries.Lease));
    }

    [Fact]
    public void A_send_is_in_flight_until_the_last_moment_of_its_lease()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);

        clock.Advance(Deliveries.Lease - Tick);

        Assert.True(delivery.IsInFlight(clock.GetUtcNow(), Deliveries.Lease));
    }

    [Fact]
    public void A_lease_that_expired_lets_another_worker_take_the_delivery_over()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);

        clock.Advance(Deliveries.Lease);

        Assert.False(delivery.IsInFlight(clock.GetUtcNow(), Deliveries.Lease));
    }

    [Fact]
    public void A_lease_is_measured_from_the_latest_attempt_not_the_first()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);
        clock.Advance(Deliveries.Lease);

        delivery.BeginAttempt(2, clock.GetUtcNow());
        clock.Advance(Deliveries.Lease - Tick);

        Assert.True(delivery.IsInFlight(clock.GetUtcNow(), Deliveries.Lease));
    }

    [Theory]
    [InlineData(DeliveryState.Retrying)]
    [InlineData(DeliveryState.Waiting)]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Failed)]
    [InlineData(DeliveryState.Cancelled)]
    public void A_delivery_that_recorded_its_outcome_is_not_in_flight_even_within_the_lease(DeliveryState state)
    {
        var clock = Deliveries.Clock();

        Assert.False(Deliveries.In(state, clock).IsInFlight(clock.GetUtcNow(), Deliveries.Lease));
    }

    [Fact]
    public void Taking_over_an_interrupted_send_counts_it_and_starts_a_new_attempt_with_its_own_lease()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        clock.Advance(Deliveries.Lease);

        delivery.TakeOverInterruptedSend();
        delivery.BeginAttempt(1, clock.GetUtcNow());

        Assert.Equal(1, delivery.InterruptedSends);
        Assert.Equal(2, delivery.AttemptCount);
        Assert.Equal(DeliveryState.Sending, delivery.State);
        Assert.Equal(clock.GetUtcNow(), delivery.UpdatedAt);
        Assert.True(delivery.IsInFlight(clock.GetUtcNow(), Deliveries.Lease));
    }

    [Fact]
    public void Every_takeover_is_counted()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(Deliveries.Lease);
            delivery.TakeOverInterruptedSend();
            delivery.BeginAttempt(1, clock.GetUtcNow());
        }

        Assert.Equal(3, delivery.InterruptedSends);
    }

    [Fact]
    public void A_delivery_that_never_lost_a_send_has_no_interrupted_sends()
    {
        var clock = Deliveries.Clock();

        Assert.Equal(0, Deliveries.In(DeliveryState.Delivered, clock).InterruptedSends);
    }

    [Fact]
    public void A_send_given_up_at_its_budget_counts_as_interrupted_like_one_taken_over()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);

        delivery.AbandonSend();
        delivery.ScheduleRetry("No provider answered within the send budget", 2, clock.GetUtcNow(), clock.GetUtcNow());
        delivery.BeginAttempt(2, clock.GetUtcNow());
        delivery.MarkDelivered("id-1", clock.GetUtcNow());

        Assert.Equal(1, delivery.InterruptedSends);
    }
}
