using Delivery.Worker.Delivering;
using Delivery.Worker.Model;
using Delivery.Worker.Tests.Model;
using Microsoft.Extensions.Time.Testing;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Tests.Delivering;

/// <summary>
/// What a delivery makes of a record that reaches it again or late: replays, final states, stale steps that stand
/// in for an overdue one, and a send another consumer is making (the sending lease).
/// </summary>
public sealed class DeliveryStepTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void The_awaited_attempt_is_made()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);
        var record = Record(attempt: 2);

        Assert.Equal(new DeliveryStep.Attempt(record), Step(delivery, record, clock));
    }

    [Fact]
    public void A_final_delivery_is_announced_again_and_not_sent()
    {
        var clock = Deliveries.Clock();

        Assert.IsType<DeliveryStep.AnnounceFinal>(Step(Deliveries.In(DeliveryState.Delivered, clock), Record(attempt: 1), clock));
    }

    [Fact]
    public void A_new_replay_of_a_failed_delivery_is_attempted()
    {
        var clock = Deliveries.Clock();
        var record = Record(attempt: 1, replayId: "dead-1");

        Assert.Equal(new DeliveryStep.Attempt(record), Step(Deliveries.In(DeliveryState.Failed, clock), record, clock));
    }

    [Fact]
    public void A_stale_step_is_dropped_and_the_current_state_announced()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock); // waits for attempt 2

        Assert.Equal(new DeliveryStep.DropStale(Announce: true), Step(delivery, Record(attempt: 1), clock));
    }

    [Fact]
    public void A_stale_step_during_a_send_is_dropped_without_announcing()
    {
        var clock = Deliveries.Clock();
        var delivery = SendingSecondAttempt(clock);

        Assert.Equal(new DeliveryStep.DropStale(Announce: false), Step(delivery, Record(attempt: 1), clock));
    }

    [Fact]
    public void A_stale_step_stands_in_for_the_awaited_one_once_that_is_overdue_by_a_lease()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock); // attempt 2 due in 10 s
        var dueBy = delivery.NextAttemptAt!.Value + Deliveries.Lease;

        clock.SetUtcNow(dueBy - Tick);
        Assert.IsType<DeliveryStep.DropStale>(Step(delivery, Record(attempt: 1), clock));

        clock.SetUtcNow(dueBy);
        var step = Assert.IsType<DeliveryStep.TakeUpOverdue>(Step(delivery, Record(attempt: 1), clock));
        Assert.Equal((2, (string?)null), (step.Record.Attempt, step.Record.ReplayId));
    }

    [Fact]
    public void A_send_in_flight_elsewhere_is_checked_again_when_its_lease_ends()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        clock.Advance(Deliveries.Lease - Tick);

        Assert.Equal(new DeliveryStep.RecheckAt(delivery.UpdatedAt + Deliveries.Lease), Step(delivery, Record(attempt: 1), clock));
    }

    [Fact]
    public void A_send_whose_lease_ran_out_is_attempted_again_and_counted_as_interrupted()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        var record = Record(attempt: 1);
        clock.Advance(Deliveries.Lease);

        Assert.Equal(new DeliveryStep.Attempt(record, TakesOverInterruptedSend: true), Step(delivery, record, clock));
    }

    [Fact]
    public void A_stale_step_that_stands_in_for_a_send_whose_lease_ran_out_counts_it_as_interrupted()
    {
        var clock = Deliveries.Clock();
        var delivery = SendingSecondAttempt(clock);
        clock.Advance(Deliveries.Lease);

        var step = Assert.IsType<DeliveryStep.TakeUpOverdue>(Step(delivery, Record(attempt: 1), clock));
        Assert.Equal((2, true), (step.Record.Attempt, step.TakesOverInterruptedSend));
    }

    [Fact]
    public void Only_a_send_that_began_is_counted_as_interrupted()
    {
        var clock = Deliveries.Clock();
        var retrying = Deliveries.In(DeliveryState.Retrying, clock); // attempt 2 due in 10 s, overdue after a lease
        clock.Advance(TimeSpan.FromSeconds(10) + Deliveries.Lease);

        var overdue = Assert.IsType<DeliveryStep.TakeUpOverdue>(Step(retrying, Record(attempt: 1), clock));
        var due = Assert.IsType<DeliveryStep.Attempt>(Step(retrying, Record(attempt: 2), clock));
        Assert.Equal((false, false), (overdue.TakesOverInterruptedSend, due.TakesOverInterruptedSend));
    }

    /// <summary>A delivery whose first attempt failed and whose second is being sent now: a record of attempt 1 is stale.</summary>
    private static RecipientDelivery SendingSecondAttempt(FakeTimeProvider clock)
    {
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        delivery.ScheduleRetry("connection refused", 2, clock.GetUtcNow() + TimeSpan.FromSeconds(10), clock.GetUtcNow());
        delivery.BeginAttempt(2, clock.GetUtcNow());
        return delivery;
    }

    private static DeliveryStep Step(RecipientDelivery delivery, DeliveryDispatched record, TimeProvider clock) =>
        DeliveryStep.For(delivery, record, clock.GetUtcNow(), Deliveries.Lease);

    private static DeliveryDispatched Record(int attempt, string? replayId = null)
    {
        var template = Deliveries.New(TimeProvider.System);
        return new DeliveryDispatched(template.NotificationId, template.DeliveryKey, template.RecipientUserId, template.Contact, template.Channel,
            "Your order shipped", "It is on its way.", null, attempt, NotBefore: null, History: [], replayId);
    }
}
