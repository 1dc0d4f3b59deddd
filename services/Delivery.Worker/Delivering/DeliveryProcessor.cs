using Delivery.Worker.Data;
using Delivery.Worker.Digesting;
using Delivery.Worker.Holding;
using Delivery.Worker.Model;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Failover;
using Delivery.Worker.Recipients;
using Delivery.Worker.Throttling;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Takes one <see cref="DeliveryDispatched"/> record (first attempt, retry, replay or recheck) one step on.
/// The delivery row decides whether to send at all: a final delivery is only announced again, a record of a
/// step already taken is dropped, a cancelled notification is not sent. Otherwise the attempt is recorded
/// as Sending before the send and its outcome after it (<see cref="AttemptOutcomeRecorder"/>). The Kafka
/// offset is committed only after this returns, i.e. after the outcome and the next step are durable.
/// </summary>
/// <remarks>
/// One window remains: a crash after the provider accepted a message but before Delivered is saved. The
/// row then says Sending; after <see cref="DeliveryRetryOptions.SendingLease"/> the attempt is presumed lost
/// and made again, and counted as an interrupted send, which status events carry. Email carries a Message-ID
/// derived from the delivery key in both sends, so receiving systems can drop the copy. Closing the window for
/// good would need the provider to take part in our transaction, which SMTP cannot.
/// </remarks>
public sealed class DeliveryProcessor(
    DeliveryDbContext db,
    ChannelProviders channels,
    DeliveryPlanner planner,
    AttemptOutcomeRecorder outcomes,
    DeliveryHolds holds,
    DigestCollector digests,
    DeliveryThrottle throttle,
    DispatchPublisher dispatches,
    RetrySchedule schedule,
    TimeProvider time,
    ILogger<DeliveryProcessor> logger) : IIntegrationEventHandler<DeliveryDispatched>
{
    /// <summary>A record read from a dispatch topic or a retry tier.</summary>
    public Task HandleAsync(DeliveryDispatched record, EventContext context, CancellationToken cancellationToken) =>
        // A record without history (a hand-written replay, say) simply has none yet.
        ProcessAsync(record.History is null ? record with { History = [] } : record, context.Topic, cancellationToken);

    /// <param name="sourceTopic">Where the record came from, for the dead letter's headers.</param>
    /// <param name="cancellationToken">Observed until the attempt is recorded; after that the attempt is finished whatever happens (graceful shutdown).</param>
    public async Task ProcessAsync(DeliveryDispatched record, string sourceTopic, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var delivery = await db.Deliveries.FindAsync([record.DeliveryKey], cancellationToken);
        if (delivery is not null)
        {
            if (await StepToTakeAsync(delivery, record, now, cancellationToken) is not { } step)
            {
                return;
            }
            record = step.Record;
            if (step.TakesOverInterruptedSend)
            {
                // Counted first: a hold, skip or cancellation below replaces the Sending state, that send's only trace (DeliveryStep.Send).
                delivery.TakeOverInterruptedSend();
                logger.LogWarning("Delivery {DeliveryKey} was being sent since {SendingSince} and never recorded an outcome; taking it up again (the recipient may get two copies)",
                    delivery.DeliveryKey, delivery.UpdatedAt);
            }
        }

        var isNew = delivery is null;
        if (delivery is null)
        {
            delivery = NewDelivery(record, now);
            db.Deliveries.Add(delivery);
        }

        // Checked before every attempt, replays included: a cancelled notification sends nothing more.
        if (await db.Cancellations.FindAsync([record.NotificationId], cancellationToken) is { } cancellation)
        {
            delivery.MarkCancelled(cancellation.Reason, now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Delivery {DeliveryKey} is not attempted: {Reason}", delivery.DeliveryKey, cancellation.Reason);
            await outcomes.AnnounceAsync(delivery);
            return;
        }

        // A replay starts a run of its own; its retries carry the replay id, so the row must know it (even
        // when the replay is the first this worker hears of the delivery, its database having been reset).
        if (record.ReplayId is not null && (isNew || delivery.CanBeReplayedBy(record.ReplayId)))
        {
            logger.LogInformation("Replaying dead letter {ReplayId} of delivery {DeliveryKey}", record.ReplayId, delivery.DeliveryKey);
            delivery.AcceptReplay(record.ReplayId);
        }

        // The channel's providers in their configured order: one that fails is passed over for the next at once.
        var provider = channels.For(record.Channel);
        if (provider is null)
        {
            await outcomes.RejectedAsync(delivery, record, $"No provider delivers on channel '{record.Channel}'.", sourceTopic);
            return;
        }

        // Who the person is and what they want, at the moment of this attempt (not when the send was accepted).
        var plan = await planner.PlanAsync(record, now, cancellationToken);
        switch (plan.Decision)
        {
            case DeliveryDecision.Skip(var reason):
                await outcomes.SkippedAsync(delivery, reason, record);
                return;
            case DeliveryDecision.Reject(var reason):
                await outcomes.RejectedAsync(delivery, record, reason, sourceTopic);
                return;
            case DeliveryDecision.Hold(var reason, var until):
                await holds.HoldAsync(delivery, record, reason, until);
                return;
            case DeliveryDecision.Schedule(var reason, var at):
                await holds.ScheduleAsync(delivery, record, reason, at);
                return;
            case DeliveryDecision.Digest(var digest):
                await digests.CollectAsync(delivery, record, digest);
                return;
        }

        // A first attempt of a throttled category over its limit is collected in a digest or dropped; a retry was let
        // through already, and a digest is itself the throttle's remedy (collecting it again would nest digests).
        if (delivery.AttemptCount == 0 && record.DigestItems is null && plan.Decision is DeliveryDecision.Send { Category.Critical: false }
            && await throttle.ExcessAsync(record, now, cancellationToken) is { } excess)
        {
            await (excess.Digest is { } digest ? digests.CollectAsync(delivery, record, digest) : outcomes.SkippedAsync(delivery, excess.DropReason!));
            return;
        }

        // Durable before the send: after a crash we know an attempt may have reached the provider, and a
        // second consumer racing us for the row loses here, before it could send.
        delivery.BeginAttempt(record.Attempt, now, plan.PreferencesCachedAt);
        if (!await TryClaimAsync(delivery, record, now, cancellationToken))
        {
            return;
        }

        ChannelSendResult result;
        // Not cancelled by a shutdown: a send half done is worse than a shutdown that waits for the provider's
        // answer. But never longer than the budget, so no send outlives its lease (RetrySchedule.SendBudget).
        using var budget = new CancellationTokenSource(schedule.SendBudget, time);
        try
        {
            result = await provider.SendAsync(plan.Message!, budget.Token);
        }
        catch (OperationCanceledException ex) when (budget.IsCancellationRequested)
        {
            delivery.AbandonSend();
            await outcomes.TransientFailureAsync(delivery, record,
                $"No provider answered within the send budget of {schedule.SendBudget.TotalSeconds:0.#} s; the message may have reached it.", sourceTopic, ex);
            return;
        }
        catch (Exception ex)
        {
            await outcomes.TransientFailureAsync(delivery, record, $"{ex.GetType().Name}: {ex.Message}", sourceTopic, ex);
            return;
        }

        await outcomes.RecordAsync(delivery, record, result, sourceTopic);
    }

    /// <summary>What an existing delivery makes of the record (<see cref="DeliveryStep"/>): the send to make, or null when nothing is to be sent now.</summary>
    private async Task<DeliveryStep.Send?> StepToTakeAsync(RecipientDelivery delivery, DeliveryDispatched record, DateTimeOffset now, CancellationToken ct)
    {
        switch (DeliveryStep.For(delivery, record, now, schedule.SendingLease))
        {
            case DeliveryStep.Attempt attempt:
                return attempt;
            case DeliveryStep.TakeUpOverdue overdue:
                logger.LogWarning("Delivery {DeliveryKey} has waited for attempt {ScheduledAttempt} for over a sending lease; taking it up from attempt {Attempt} (replay {ReplayId})",
                    delivery.DeliveryKey, delivery.ScheduledAttempt, record.Attempt, record.ReplayId);
                return overdue;
            case DeliveryStep.AnnounceFinal:
                logger.LogInformation("Delivery {DeliveryKey} is already {DeliveryState}; announcing it again without sending (replay {ReplayId})",
                    delivery.DeliveryKey, delivery.State, record.ReplayId);
                await outcomes.AnnounceAsync(delivery);
                return null;
            case DeliveryStep.DropStale(var announce):
                logger.LogInformation("Dropping attempt {Attempt} (replay {ReplayId}) of {DeliveryKey}: it waits for attempt {ScheduledAttempt} (replay {LastReplayId})",
                    record.Attempt, record.ReplayId, delivery.DeliveryKey, delivery.ScheduledAttempt, delivery.LastReplayId);
                if (announce)
                {
                    await outcomes.AnnounceAsync(delivery);
                }
                return null;
            case DeliveryStep.RecheckAt(var dueAt):
                logger.LogInformation("Delivery {DeliveryKey} is being sent elsewhere since {SendingSince}; checking on it again after the sending lease",
                    delivery.DeliveryKey, delivery.UpdatedAt);
                await RecheckLaterAsync(record, dueAt, now, ct);
                return null;
            default:
                throw new InvalidOperationException($"Unknown delivery step for {delivery.DeliveryKey}.");
        }
    }

    /// <summary>Saves Sending; false when another consumer wrote the row first (after a rebalance both may hold the record).</summary>
    private async Task<bool> TryClaimAsync(RecipientDelivery delivery, DeliveryDispatched record, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Not sending is safe; dropping the record is not (the other one may crash), so look again later.
            logger.LogInformation("Delivery {DeliveryKey} was claimed by another consumer at the same moment; not sending, checking on it after the sending lease",
                delivery.DeliveryKey);
            await RecheckLaterAsync(record, now + schedule.SendingLease, now, ct);
            return false;
        }
    }

    private Task RecheckLaterAsync(DeliveryDispatched record, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct)
    {
        var due = RetrySchedule.Milliseconds(dueAt);
        return dispatches.ScheduleAsync(schedule.TierForWait(due - now), "recheck", record with { NotBefore = due }, ct);
    }

    private static RecipientDelivery NewDelivery(DeliveryDispatched record, DateTimeOffset now) => new()
    {
        DeliveryKey = record.DeliveryKey,
        NotificationId = record.NotificationId,
        RecipientUserId = record.RecipientUserId,
        Channel = record.Channel,
        // Only an address the sender gave; one from the person's profile is looked up per attempt and never kept
        // here, so erasing the profile leaves no contact behind in delivery history.
        Contact = record.Contact ?? string.Empty,
        Category = record.Category,
        CreatedAt = now,
    };
}
