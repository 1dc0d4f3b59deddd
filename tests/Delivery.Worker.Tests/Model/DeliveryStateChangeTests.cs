using Delivery.Worker.Model;

namespace Delivery.Worker.Tests.Model;

/// <summary>What each named state change of a delivery records: state, attempts, next attempt, error, finality.</summary>
public sealed class DeliveryStateChangeTests
{
    [Fact]
    public void Beginning_an_attempt_records_sending_counts_it_and_clears_the_next_attempt_time()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);
        clock.Advance(TimeSpan.FromSeconds(10));

        delivery.BeginAttempt(2, clock.GetUtcNow());

        Assert.Equal(DeliveryState.Sending, delivery.State);
        Assert.Equal(2, delivery.AttemptCount);
        Assert.Equal(2, delivery.ScheduledAttempt);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(clock.GetUtcNow(), delivery.UpdatedAt);
    }

    [Fact]
    public void A_retry_waits_for_the_next_attempt_at_its_due_time_with_the_error_kept()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);
        var due = clock.GetUtcNow() + TimeSpan.FromSeconds(10);

        delivery.ScheduleRetry("connection refused", 2, due, clock.GetUtcNow());

        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Equal(2, delivery.ScheduledAttempt);
        Assert.Equal(1, delivery.AttemptCount);
        Assert.Equal(due, delivery.NextAttemptAt);
        Assert.Equal("connection refused", delivery.LastError);
    }

    [Fact]
    public void A_deferral_gives_the_started_attempt_back_and_waits_for_the_same_attempt()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);
        delivery.BeginAttempt(2, clock.GetUtcNow());
        var due = clock.GetUtcNow() + TimeSpan.FromSeconds(6);

        delivery.Defer("rate limit: recipient", due, clock.GetUtcNow());

        Assert.Equal(DeliveryState.Waiting, delivery.State);
        Assert.Equal(1, delivery.AttemptCount);
        Assert.Equal(2, delivery.ScheduledAttempt);
        Assert.True(delivery.Awaits(2, null));
        Assert.Equal(due, delivery.NextAttemptAt);
        Assert.Equal("rate limit: recipient", delivery.LastError);
    }

    [Fact]
    public void A_delivered_message_keeps_the_provider_message_id_and_waits_for_nothing()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);

        delivery.MarkDelivered("<id@mail.example>", clock.GetUtcNow());

        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal("<id@mail.example>", delivery.ProviderMessageId);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void A_failure_keeps_its_reason_and_waits_for_nothing()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);

        delivery.MarkFailed("gave up after 5 attempts", clock.GetUtcNow());

        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal("gave up after 5 attempts", delivery.LastError);
        Assert.Null(delivery.NextAttemptAt);
    }

    [Fact]
    public void A_cancelled_delivery_keeps_the_reason_and_drops_its_scheduled_retry()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Retrying, clock);
        clock.Advance(TimeSpan.FromSeconds(1));

        delivery.MarkCancelled("cancelled by the sender", clock.GetUtcNow());

        Assert.Equal(DeliveryState.Cancelled, delivery.State);
        Assert.Equal("cancelled by the sender", delivery.LastError);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(clock.GetUtcNow(), delivery.UpdatedAt);
    }

    [Theory]
    [InlineData(DeliveryState.Delivered, true)]
    [InlineData(DeliveryState.Failed, true)]
    [InlineData(DeliveryState.Cancelled, true)]
    [InlineData(DeliveryState.Sending, false)]
    [InlineData(DeliveryState.Retrying, false)]
    [InlineData(DeliveryState.Waiting, false)]
    public void Delivered_failed_and_cancelled_are_final(DeliveryState state, bool final) =>
        Assert.Equal(final, Deliveries.In(state, Deliveries.Clock()).IsFinal);

    [Fact]
    public void A_long_provider_error_is_cut_to_the_maximum_length()
    {
        var clock = Deliveries.Clock();
        var delivery = Deliveries.In(DeliveryState.Sending, clock);

        delivery.MarkFailed(new string('x', RecipientDelivery.MaxErrorLength + 1), clock.GetUtcNow());

        Assert.Equal(new string('x', RecipientDelivery.MaxErrorLength), delivery.LastError);
    }
}
