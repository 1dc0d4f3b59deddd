using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Delivery.Worker.Delivering;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Delivery.Worker.Consumers;

/// <summary>
/// The `delivery-worker-retry` group on every retry tier. A record whose NotBefore has not come yet pauses
/// its partition and is read again when due (pause, seek back to it, resume), so a waiting retry neither
/// blocks the other partitions nor gets lost; a due record goes through the same <see cref="DeliveryProcessor"/>
/// as a first attempt. Offsets are committed only after a record was handled, as in <see cref="KafkaConsumerService"/>,
/// whose loop cannot pause partitions; hence a loop of its own.
/// </summary>
public sealed class RetryTierConsumer(
    KafkaClientSettings settings,
    IEventPublisher publisher,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<RetryTierConsumer> logger) : BackgroundService
{
    public const string GroupId = $"{ResourceNames.DeliveryWorker}-retry";

    /// <summary>The longest a Consume call blocks: how quickly shutdown and newly due partitions are noticed.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // Consume() blocks, so the loop gets a thread of its own instead of starving the host's startup.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ConsumeLoopAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task ConsumeLoopAsync(CancellationToken stoppingToken)
    {
        var held = new HeldPartitions();
        // Rebalance callbacks run inside Consume() on this thread, so `held` needs no lock.
        using var consumer = new ConsumerBuilder<string, byte[]>(settings.ConsumerConfig(GroupId))
            .SetPartitionsRevokedHandler((c, revoked) => Resume(c, held.Forget(revoked.Select(p => p.TopicPartition))))
            .SetPartitionsLostHandler((c, lost) => Resume(c, held.Forget(lost.Select(p => p.TopicPartition))))
            .Build();
        consumer.Subscribe(KafkaTopics.RetryTiers.Select(t => t.Name));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Resume(consumer, held.ReleaseDue(time.GetUtcNow()));
                var record = consumer.Consume(held.WaitBefore(time.GetUtcNow(), MaxWait));
                if (record?.Message is null)
                {
                    continue;
                }
                if (held.HeadOf(record.TopicPartition) is { } head)
                {
                    // Fetched before the pause took hold: read the partition again from its held head when that is due.
                    consumer.Seek(head);
                    continue;
                }
                if (await HandleAsync(consumer, record, held, stoppingToken))
                {
                    Commit(consumer, record);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was handled is committed; held records are read again by whoever takes over.
        }
        finally
        {
            consumer.Close(); // leave the group now instead of after the session timeout
        }
    }

    /// <summary>False when the record was put back to wait (nothing to commit).</summary>
    private async Task<bool> HandleAsync(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record, HeldPartitions held, CancellationToken ct)
    {
        DeliveryDispatched dispatched;
        EventEnvelope envelope;
        try
        {
            envelope = CloudEventHeaders.FromMessage(record.Message);
            if (envelope.Type != DeliveryDispatched.EventType)
            {
                logger.LogInformation("Skipping event {EventId} of type {EventType}: not one this worker handles", envelope.Id, envelope.Type);
                return true;
            }
            dispatched = EventPayloads.Dispatched(envelope);
        }
        catch (Exception ex) when (ex is FormatException or UnprocessableEventException)
        {
            await DeadLetterUnreadableAsync(record, ex.Message, ct);
            return true;
        }

        if (dispatched.NotBefore is { } dueAt && dueAt > time.GetUtcNow())
        {
            consumer.Pause([record.TopicPartition]);
            consumer.Seek(record.TopicPartitionOffset);
            held.Hold(record.TopicPartitionOffset, dueAt);
            logger.LogDebug("Holding {TopicPartitionOffset} until attempt {Attempt} of {DeliveryKey} is due at {DueAt}",
                record.TopicPartitionOffset, dispatched.Attempt, dispatched.DeliveryKey, dueAt);
            return false;
        }

        await ProcessUntilDoneAsync(record, envelope, dispatched, ct);
        return true;
    }

    /// <summary>Retries in place with backoff when the database or broker fails: the partition waits rather than skipping the record.</summary>
    private async Task ProcessUntilDoneAsync(ConsumeResult<string, byte[]> record, EventEnvelope envelope, DeliveryDispatched dispatched, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var activity = MessagingTelemetry.StartProcess(record.Topic, envelope);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliveryProcessor>().ProcessAsync(dispatched, record.Topic, ct);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                logger.LogWarning(ex, "Handling {EventType} {EventId} from {TopicPartitionOffset} failed (try {Try}); trying again in {Backoff}",
                    envelope.Type, envelope.Id, record.TopicPartitionOffset, attempt, backoff);
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// A commit refused because the group is rebalancing (another replica came or went) is not a failure: the
    /// partition's new owner reads the record again and the delivery row makes that harmless.
    /// </summary>
    private void Commit(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record)
    {
        try
        {
            consumer.StoreOffset(record);
            consumer.Commit(record);
        }
        catch (KafkaException ex) when (ex.Error.Code is ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress
            or ErrorCode.UnknownMemberId or ErrorCode.Local_State or ErrorCode.Local_UnknownPartition)
        {
            logger.LogInformation("Not committing {TopicPartitionOffset}: the group is rebalancing ({Reason}); its next owner handles it again",
                record.TopicPartitionOffset, ex.Error.Reason);
        }
    }

    private void Resume(IConsumer<string, byte[]> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }
        try
        {
            consumer.Resume(partitions);
        }
        catch (KafkaException ex)
        {
            // A partition revoked meanwhile cannot be resumed, and need not be: its next owner starts unpaused.
            logger.LogDebug(ex, "Resuming {Partitions} failed", string.Join(", ", partitions));
        }
    }

    /// <summary>As <see cref="KafkaConsumerService"/> does: the record as it came, with the reason beside it in headers.</summary>
    private async Task DeadLetterUnreadableAsync(ConsumeResult<string, byte[]> record, string reason, CancellationToken ct)
    {
        logger.LogError("Record {TopicPartitionOffset} is not a readable event ({Reason}); moving it to the dead letters", record.TopicPartitionOffset, reason);
        var type = CloudEventHeaders.Read(record.Message.Headers, CloudEventHeaders.Type) ?? "io.notificationaspire.unreadable-record";
        var envelope = new EventEnvelope($"{record.TopicPartitionOffset}:unreadable", type, $"/{GroupId}", time.GetUtcNow(),
            record.Message.Key ?? string.Empty, Encoding.UTF8.GetString(record.Message.Value ?? []),
            Extensions: new Dictionary<string, string>
            {
                [DeadLetterHeaders.Reason] = reason,
                [DeadLetterHeaders.SourceTopic] = record.TopicPartitionOffset.ToString(),
            });
        await publisher.PublishAsync(KafkaTopics.NotificationDeadLetters.Name, envelope, ct);
    }
}
