using Delivery.Worker.Data;
using Delivery.Worker.Digesting;
using Delivery.Worker.Model;
using Delivery.Worker.Observability;
using Delivery.Worker.Providers;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Delivering;

/// <summary>
/// Makes the outcome of an attempt durable and takes the next step: delivered, a retry on a tier, a
/// deferral, or a dead letter. None of it is cancellable: the provider has answered, and losing that answer
/// would mean sending again. Where a next step goes to Kafka it goes there before the row is saved, so a crash
/// in between leaves a Sending row (taken over after the lease), never a row waiting for a record nobody sent.
/// </summary>
public sealed class AttemptOutcomeRecorder(
    DeliveryDbContext db,
    IEventBus bus,
    DispatchPublisher dispatches,
    RetrySchedule schedule,
    DigestSettlement digests,
    TimeProvider time,
    ILogger<AttemptOutcomeRecorder> logger)
{
    public Task RecordAsync(RecipientDelivery delivery, DeliveryDispatched record, ChannelSendResult result, string sourceTopic)
    {
        if (result is not ChannelSendResult.Deferred)
        {
            delivery.AnsweredBy(result.Provider, result.FailedOver, (result as ChannelSendResult.Accepted)?.Segments);
        }
        return Record(delivery, record, result, sourceTopic);
    }

    private Task Record(RecipientDelivery delivery, DeliveryDispatched record, ChannelSendResult result, string sourceTopic) => result switch
    {
        ChannelSendResult.Accepted accepted => DeliveredAsync(delivery, accepted.ProviderMessageId),
        ChannelSendResult.Rejected rejected => RejectedAsync(delivery, record, rejected.Reason, sourceTopic),
        ChannelSendResult.Deferred deferred => DeferredAsync(delivery, record, deferred),
        _ => throw new InvalidOperationException($"Unknown send result {result.GetType().Name}."),
    };

    private async Task DeliveredAsync(RecipientDelivery delivery, string? providerMessageId)
    {
        delivery.MarkDelivered(providerMessageId, time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        DeliveryMetrics.Delivered(delivery.Channel);
        logger.LogInformation("Delivered {DeliveryKey} on attempt {AttemptCount}", delivery.DeliveryKey, delivery.AttemptCount);
        await AnnounceAsync(delivery);
    }

    /// <summary>
    /// Deliberately not sent (an opt-out): final, announced with the reason, no dead letter. A first-success send
    /// goes on to its next channel (<paramref name="record"/>'s fallback).
    /// </summary>
    public async Task SkippedAsync(RecipientDelivery delivery, string reason, DeliveryDispatched? record = null)
    {
        if (record is not null && await FallBackAsync(record) is { } next)
        {
            reason = $"{reason} Falling back to {next}.";
        }
        delivery.MarkSkipped(reason, time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        DeliveryMetrics.Skipped(delivery.Channel);
        logger.LogInformation("Delivery {DeliveryKey} skipped: {Reason}", delivery.DeliveryKey, reason);
        await AnnounceAsync(delivery);
    }

    /// <summary>Retrying would get the same answer: straight to the dead letters.</summary>
    public Task RejectedAsync(RecipientDelivery delivery, DeliveryDispatched record, string reason, string sourceTopic) =>
        DeadLetterAsync(delivery, With(record, AttemptOutcomes.Rejected, reason), reason, sourceTopic, DeliveryMetrics.Rejected);

    /// <summary>The next attempt on the tier for it, or the dead letters once the attempts are used up.</summary>
    public async Task TransientFailureAsync(RecipientDelivery delivery, DeliveryDispatched record, string error, string sourceTopic, Exception exception)
    {
        var now = time.GetUtcNow();
        var tried = With(record, AttemptOutcomes.TransientFailure, error);
        if (schedule.IsLastAttempt(record.Attempt))
        {
            logger.LogWarning(exception, "Attempt {Attempt} of {DeliveryKey} failed and was the last of {MaxAttempts}", record.Attempt, delivery.DeliveryKey, schedule.MaxAttempts);
            await DeadLetterAsync(delivery, tried, $"Gave up after {record.Attempt} attempts; the last failed with {error}", sourceTopic, DeliveryMetrics.Exhausted);
            return;
        }

        var next = record.Attempt + 1;
        var tier = schedule.TierForAttempt(next);
        var due = schedule.DueAt(tier, now);
        await dispatches.ScheduleAsync(tier, "retry", tried with { Attempt = next, NotBefore = due }, CancellationToken.None);
        delivery.ScheduleRetry($"{error} (attempt {next} of {schedule.MaxAttempts} is due at {due:O})", next, due, now);
        await db.SaveChangesAsync(CancellationToken.None);
        DeliveryMetrics.RetryScheduled(delivery.Channel, tier.Name);
        logger.LogWarning(exception, "Attempt {Attempt} of {DeliveryKey} failed; attempt {NextAttempt} is due at {DueAt} on {RetryTier}",
            record.Attempt, delivery.DeliveryKey, next, due, tier.Name);
        await AnnounceAsync(delivery);
    }

    /// <summary>Held back by the provider's protection: the same attempt again when allowed, on a tier that fits the wait.</summary>
    private async Task DeferredAsync(RecipientDelivery delivery, DeliveryDispatched record, ChannelSendResult.Deferred deferred)
    {
        var now = time.GetUtcNow();
        var due = RetrySchedule.Milliseconds(deferred.NotBefore);
        var tier = schedule.TierForWait(due - now);
        await dispatches.ScheduleAsync(tier, "deferred", With(record, AttemptOutcomes.Deferred, deferred.Reason) with { NotBefore = due }, CancellationToken.None);
        delivery.Defer($"{deferred.Reason} (attempt {record.Attempt} is due at {due:O})", due, now);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Attempt {Attempt} of {DeliveryKey} is deferred until {DueAt} on {RetryTier}: {Reason}",
            record.Attempt, delivery.DeliveryKey, due, tier.Name, deferred.Reason);
        await AnnounceAsync(delivery);
    }

    private async Task DeadLetterAsync(RecipientDelivery delivery, DeliveryDispatched record, string reason, string sourceTopic, string failure)
    {
        // A first-success send with channels left is not a dead letter: replaying it later could reach the person
        // twice, once here and once on the channel that took over.
        if (await FallBackAsync(record) is { } next)
        {
            reason = $"{reason} Falling back to {next}.";
        }
        else
        {
            await dispatches.DeadLetterAsync(record, reason, sourceTopic, delivery.AttemptCount, CancellationToken.None);
        }
        delivery.MarkFailed(reason, time.GetUtcNow());
        await db.SaveChangesAsync(CancellationToken.None);
        DeliveryMetrics.Failed(delivery.Channel, failure);
        logger.LogWarning("Delivery {DeliveryKey} failed for good after {AttemptCount} attempt(s) and is in the dead letters: {Reason}",
            delivery.DeliveryKey, delivery.AttemptCount, reason);
        await AnnounceAsync(delivery);
    }

    /// <summary>
    /// Dispatches a first-success send's next channel as a delivery of its own (its key derived like every
    /// delivery's, so dispatching it again is harmless); the channel's name, or null when none is left.
    /// Before the row is saved, like every next step: a crash in between repeats the dispatch, never loses it.
    /// </summary>
    private async Task<string?> FallBackAsync(DeliveryDispatched record)
    {
        if (record.Fallback is not { Count: > 0 } rest)
        {
            return null;
        }
        var next = rest[0];
        await dispatches.DispatchAsync(record with
        {
            DeliveryKey = DeliveryKeys.For(record.NotificationId, record.RecipientUserId, next),
            Channel = next,
            Contact = null,
            Attempt = 1,
            NotBefore = null,
            History = [],
            ReplayId = null,
            Fallback = [.. rest.Skip(1)],
        }, CancellationToken.None);
        logger.LogInformation("Delivery {DeliveryKey} on {Channel} did not go out; falling back to {NextChannel}", record.DeliveryKey, record.Channel, next);
        return next;
    }

    /// <summary>
    /// The delivery's current state on `notification-status`; the same state always gives the same event. A digest
    /// has no notification to report to: its items are announced instead, once it is final.
    /// </summary>
    public Task AnnounceAsync(RecipientDelivery delivery) => DeliveryKeys.IsDigest(delivery.DeliveryKey)
        ? digests.SettleAsync(delivery)
        : bus.PublishAsync(delivery.ToStatusEvent(), delivery.StatusEventOptions(), CancellationToken.None);

    /// <summary>
    /// The record with this try added to its history. Repeated deferrals of one attempt keep only the latest,
    /// so a long rate limit does not grow the record without bound.
    /// </summary>
    private DeliveryDispatched With(DeliveryDispatched record, string outcome, string? error)
    {
        var history = record.History ?? [];
        if (outcome == AttemptOutcomes.Deferred && history.Count > 0 && history[^1] is { Outcome: AttemptOutcomes.Deferred } last && last.Attempt == record.Attempt)
        {
            history = history.Take(history.Count - 1).ToList();
        }
        return record with { History = [.. history, new AttemptRecord(record.Attempt, time.GetUtcNow(), outcome, error)] };
    }
}
