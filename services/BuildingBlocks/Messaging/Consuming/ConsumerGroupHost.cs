using System.Security.Cryptography;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// One member of a consumer group: reads the group's topics, dispatches each record by its CloudEvents type
/// to the subscribed handler in a scope of its own, and commits the offset only after the handler finished,
/// so a crash anywhere before that means redelivery, never loss. A record that is not a readable CloudEvent,
/// or whose handler says it is unprocessable, goes to the dead letters with the reason. A record that is not
/// due yet (an <see cref="IScheduledEvent"/>) pauses its own partition until it is, so delayed work neither
/// blocks the other partitions nor gets lost. Records are handled one at a time; <see cref="HandleRecordAsync"/>
/// touches no consumer state, so they can later be handled concurrently across keys with commits up to the
/// lowest record not yet done.
/// </summary>
internal sealed class ConsumerGroupHost(
    ConsumerGroup group,
    List<Subscription> subscriptions,
    KafkaClientSettings settings,
    KafkaEventBus bus,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<ConsumerGroupHost> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The longest one Consume call blocks: how soon shutdown and partitions falling due are noticed.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    private readonly IReadOnlyList<string> _topics = [.. group.Topics.Select(t => t.Name)];

    private string GroupId => group.Id;

    // Consume() blocks, so the loop gets a thread of its own instead of starving the host's startup.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ConsumeLoopAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task ConsumeLoopAsync(CancellationToken stoppingToken)
    {
        // A fatal client error (the broker lost our group, say) ends one consumer, not the service: start a new one.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeWithOneConsumerAsync(stoppingToken);
            }
            catch (KafkaException ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Consumer of {Topics} in {GroupId} failed ({Reason}); starting a new one", string.Join(",", _topics), GroupId, ex.Error.Reason);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ConsumeWithOneConsumerAsync(CancellationToken stoppingToken)
    {
        var held = new HeldPartitions();
        // Rebalance callbacks run inside Consume() on this thread, so `held` needs no lock.
        using var consumer = new ConsumerBuilder<string, byte[]>(settings.ConsumerConfig(GroupId))
            .SetPartitionsRevokedHandler((c, revoked) => Resume(c, held.Forget(revoked.Select(p => p.TopicPartition))))
            .SetPartitionsLostHandler((c, lost) => Resume(c, held.Forget(lost.Select(p => p.TopicPartition))))
            .SetStatisticsHandler((_, statistics) => ConsumerLagMetrics.Record(GroupId, statistics))
            .Build();
        consumer.Subscribe(_topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Resume(consumer, held.ReleaseDue(time.GetUtcNow()));
                ConsumeResult<string, byte[]>? record;
                try
                {
                    record = consumer.Consume(held.WaitBefore(time.GetUtcNow(), MaxWait));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    logger.LogWarning("Consuming {Topics} failed for now: {Reason}", string.Join(",", _topics), ex.Error.Reason);
                    continue;
                }
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
                if (await HandleOrHoldAsync(consumer, record, held, stoppingToken))
                {
                    Commit(consumer, record);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was handled is committed; the rest, held records included, is read again by whoever takes over.
        }
        finally
        {
            consumer.Close(); // leave the group now instead of after the session timeout
        }
    }

    /// <summary>False when the record was put back to wait until it is due (nothing to commit).</summary>
    private async Task<bool> HandleOrHoldAsync(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record, HeldPartitions held,
        CancellationToken stoppingToken)
    {
        if (await HandleRecordAsync(record, stoppingToken) is not { } due)
        {
            return true;
        }
        consumer.Pause([record.TopicPartition]);
        consumer.Seek(record.TopicPartitionOffset);
        held.Hold(record.TopicPartitionOffset, due);
        logger.LogDebug("Holding {TopicPartitionOffset} until {DueAt}", record.TopicPartitionOffset, due);
        return false;
    }

    /// <summary>Handles the record (or dead-letters it) and returns null, or returns when it is due if that lies ahead.</summary>
    private async Task<DateTimeOffset?> HandleRecordAsync(ConsumeResult<string, byte[]> record, CancellationToken stoppingToken)
    {
        EventEnvelope envelope;
        ReceivedEvent? received;
        try
        {
            envelope = CloudEventHeaders.FromMessage(record.Message);
            var subscription = subscriptions.FirstOrDefault(s => s.EventType == envelope.Type)
                ?? subscriptions.FirstOrDefault(s => s.EventType == Subscription.AnyType);
            received = subscription?.Receive(envelope);
        }
        catch (Exception ex) when (ex is FormatException or UnprocessableEventException)
        {
            await DeadLetterAsync(record, ex.Message, stoppingToken);
            return null;
        }

        if (received is null)
        {
            // A topic may carry event types added after this service was built; they are not ours to act on.
            logger.LogInformation("Skipping event {EventId} of type {EventType}: not one {GroupId} handles", envelope.Id, envelope.Type, GroupId);
            return null;
        }
        if (received.DueAt is { } due && due > time.GetUtcNow())
        {
            return due;
        }
        await ProcessUntilDoneAsync(record, envelope, received, stoppingToken);
        return null;
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

    /// <summary>
    /// A commit refused because the partition moved to another member (a rebalance) is not an error: the new
    /// owner reads the record again, and handlers are idempotent. Anything else is.
    /// </summary>
    private void Commit(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record)
    {
        try
        {
            consumer.StoreOffset(record);
            consumer.Commit(record);
        }
        catch (KafkaException ex) when (ex.Error.Code is ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress
                                            or ErrorCode.UnknownMemberId or ErrorCode.Local_State or ErrorCode.Local_NoOffset
                                            or ErrorCode.Local_UnknownPartition)
        {
            logger.LogInformation("Offset {TopicPartitionOffset} not committed ({Reason}); its new owner will read it again",
                record.TopicPartitionOffset, ex.Error.Reason);
        }
    }

    /// <summary>Retries a failing record in place with backoff: its partition waits rather than skipping it.</summary>
    private async Task ProcessUntilDoneAsync(ConsumeResult<string, byte[]> record, EventEnvelope envelope, ReceivedEvent received,
        CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var activity = MessagingTelemetry.StartProcess(record.Topic, envelope);
            try
            {
                // A fresh scope per try: a retry gets a clean DbContext, not one holding the failed attempt.
                await using var scope = scopes.CreateAsyncScope();
                await received.Handle(new EventContext(envelope.Id, record.Topic), scope.ServiceProvider, stoppingToken);
                return;
            }
            catch (UnprocessableEventException ex)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
                await DeadLetterAsync(record, ex.Message, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
                logger.LogWarning(ex, "Handling {EventType} {EventId} from {TopicPartitionOffset} failed (attempt {Attempt}); retrying in {Backoff}",
                    envelope.Type, envelope.Id, record.TopicPartitionOffset, attempt, backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task DeadLetterAsync(ConsumeResult<string, byte[]> record, string reason, CancellationToken ct)
    {
        logger.LogError("Record {TopicPartitionOffset} is not a readable event ({Reason}); moving it to the dead letters",
            record.TopicPartitionOffset, reason);
        // The record goes as it came (type and payload). It is known by its place and a fingerprint of its content:
        // moving it again after a crash gives the same dead letter, and another record at the same place (after the
        // broker lost its data) gets its own.
        var type = CloudEventHeaders.Read(record.Message.Headers, CloudEventHeaders.Type) ?? "io.notificationaspire.unreadable-record";
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(record.Message.Value ?? []))[..16];
        var place = record.TopicPartitionOffset.ToString();
        // Id, source and time are the dead letter's, set by the bus; what the record brings is its type, key and value.
        var original = new EventEnvelope(place, type, Source: string.Empty, time.GetUtcNow(), record.Message.Key ?? string.Empty,
            System.Text.Encoding.UTF8.GetString(record.Message.Value ?? []));
        await bus.DeadLetterAsync(original, new DeadLetterNote(place, fingerprint, reason,
            new Dictionary<string, string> { [DeadLetterHeaders.SourceTopic] = place }), ct);
    }
}
