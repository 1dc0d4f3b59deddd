using System.Security.Cryptography;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// One member of a consumer group: reads the group's topics, dispatches each record by its CloudEvents type
/// to the subscribed handler in a scope of its own, and commits offsets only up to the lowest record not yet
/// finished, so a crash anywhere means redelivery, never loss. Records run concurrently across keys (at most
/// <see cref="MessagingOptions.MaxInFlight"/>) and in order within a key (<see cref="InFlightRecords"/>); the
/// offsets are stored as records finish and committed in batches by the client in the background. A record
/// that is not a readable CloudEvent, or whose handler says it is unprocessable, goes to the dead letters with
/// the reason. A record that is not due yet (an <see cref="IScheduledEvent"/>) pauses its own partition until
/// it is, so delayed work neither blocks the other partitions nor gets lost.
/// </summary>
internal sealed class ConsumerGroupHost(
    ConsumerGroup group,
    List<Subscription> subscriptions,
    KafkaClientSettings settings,
    KafkaEventBus bus,
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<ConsumerGroupHost> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The longest one Consume call blocks: how soon shutdown, partitions falling due and finished records are noticed.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a member giving partitions away waits for their records in flight, so their offsets go with them.
    /// Shorter than the session timeout: the group waits for this member meanwhile.
    /// </summary>
    private static readonly TimeSpan HandOverPatience = TimeSpan.FromSeconds(3);

    private readonly IReadOnlyList<string> _topics = [.. group.Topics.Select(t => t.Name)];

    private string GroupId => group.Id;

    // Consume() blocks, so the loop gets a thread of its own (and never awaits, so it stays there) instead of
    // starving the host's startup or the handlers' thread pool. Handlers run on the pool.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => ConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void ConsumeLoop(CancellationToken stoppingToken)
    {
        // A fatal client error (the broker lost our group, say) ends one consumer, not the service: start a new one.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ConsumeWithOneConsumer(stoppingToken);
            }
            catch (KafkaException ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Consumer of {Topics} in {GroupId} failed ({Reason}); starting a new one", string.Join(",", _topics), GroupId, ex.Error.Reason);
                stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }

    private void ConsumeWithOneConsumer(CancellationToken stoppingToken)
    {
        var held = new HeldPartitions();
        var inFlight = new InFlightRecords(options.Value.MaxInFlight);
        // Rebalance callbacks run inside Consume() on this thread, so `held` needs no lock.
        using var consumer = new ConsumerBuilder<string, byte[]>(settings.ConsumerConfig(GroupId))
            .SetPartitionsRevokedHandler((c, revoked) => HandOver(c, [.. revoked.Select(p => p.TopicPartition)], held, inFlight))
            .SetPartitionsLostHandler((c, lost) =>
            {
                inFlight.Forget(lost.Select(p => p.TopicPartition));
                Resume(c, held.Forget(lost.Select(p => p.TopicPartition)));
            })
            .SetStatisticsHandler((_, statistics) => ConsumerLagMetrics.Record(GroupId, statistics))
            .SetLogHandler((_, message) => ConsumerClientLog.Write(logger, GroupId, message))
            .Build();
        ConsumerLagMetrics.TrackInFlight(GroupId, inFlight);
        consumer.Subscribe(_topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                StoreFinished(consumer, inFlight.TakeCommittable());
                Resume(consumer, held.ReleaseDue(time.GetUtcNow()));
                if (!inFlight.WaitForRoom(MaxWait, stoppingToken))
                {
                    continue; // all busy: store what finished meanwhile, and look again
                }
                ConsumeResult<string, byte[]>? record = null;
                try
                {
                    record = consumer.Consume(held.WaitBefore(time.GetUtcNow(), MaxWait));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    logger.LogWarning("Consuming {Topics} failed for now: {Reason}", string.Join(",", _topics), ex.Error.Reason);
                }
                if (!TryStart(consumer, record, held, inFlight, stoppingToken))
                {
                    inFlight.ReturnRoom();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what finished is committed below; the rest, held records included, is read again by whoever takes over.
        }
        finally
        {
            // Handlers see the stop and end soon, but a send in progress finishes and records its outcome first: a
            // send cut short is the one way SMTP sends twice. The host's shutdown timeout bounds the wait.
            inFlight.WaitUntilIdle(Timeout.InfiniteTimeSpan);
            StoreFinished(consumer, inFlight.TakeCommittable());
            CommitStored(consumer);
            consumer.Close(); // leave the group now instead of after the session timeout
        }
    }

    /// <summary>Starts handling the record; false when there was none to start (nothing read, or it waits for its time).</summary>
    private bool TryStart(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]>? record, HeldPartitions held, InFlightRecords inFlight,
        CancellationToken stoppingToken)
    {
        if (record?.Message is null)
        {
            return false;
        }
        if (held.HeadOf(record.TopicPartition) is { } head)
        {
            // Fetched before the pause took hold: read the partition again from its held head when that is due.
            consumer.Seek(head);
            return false;
        }
        var work = Receive(record);
        if (work.DueAt is { } due && due > time.GetUtcNow())
        {
            consumer.Pause([record.TopicPartition]);
            consumer.Seek(record.TopicPartitionOffset);
            held.Hold(record.TopicPartitionOffset, due);
            logger.LogDebug("Holding {TopicPartitionOffset} until {DueAt}", record.TopicPartitionOffset, due);
            return false;
        }
        _ = inFlight.Start(record, () => work.RunAsync(stoppingToken));
        return true;
    }

    /// <summary>What to do with a record, decided on the consumer's thread (cheap: it reads headers and the payload).</summary>
    private RecordWork Receive(ConsumeResult<string, byte[]> record)
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
            return new RecordWork(null, ct => DeadLetterAsync(record, ex.Message, ct));
        }

        if (received is null)
        {
            // A topic may carry event types added after this service was built; they are not ours to act on.
            logger.LogInformation("Skipping event {EventId} of type {EventType}: not one {GroupId} handles", envelope.Id, envelope.Type, GroupId);
            return new RecordWork(null, _ => Task.CompletedTask);
        }
        return new RecordWork(received.DueAt, ct => ProcessUntilDoneAsync(record, envelope, received, ct));
    }

    /// <summary>A record's work, and when it may start (null: now).</summary>
    private sealed record RecordWork(DateTimeOffset? DueAt, Func<CancellationToken, Task> Work)
    {
        /// <summary>Ends when the record needs nothing more, or quietly when the consumer stops (the record is read again).</summary>
        public async Task RunAsync(CancellationToken stoppingToken)
        {
            try
            {
                await Work(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>
    /// Partitions leaving this member (a rebalance): their records in flight get a moment to finish, and the
    /// offsets done are committed now, so the next owner starts after them instead of repeating them.
    /// </summary>
    private void HandOver(IConsumer<string, byte[]> consumer, IReadOnlyList<TopicPartition> partitions, HeldPartitions held, InFlightRecords inFlight)
    {
        var done = inFlight.Release(partitions, HandOverPatience);
        StoreFinished(consumer, done);
        CommitStored(consumer);
        Resume(consumer, held.Forget(partitions));
    }

    /// <summary>
    /// Marks offsets as done for the client, which commits them in the background (auto.commit.interval.ms):
    /// batches instead of a round trip per record. An offset of a partition that moved to another member is
    /// not an error: the new owner reads the record again, and handlers are idempotent.
    /// </summary>
    private void StoreFinished(IConsumer<string, byte[]> consumer, IReadOnlyList<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            try
            {
                consumer.StoreOffset(offset);
            }
            catch (KafkaException ex) when (IsOwnershipChange(ex.Error.Code))
            {
                logger.LogInformation("Offset {TopicPartitionOffset} not stored ({Reason}); its new owner will read from its last commit",
                    offset, ex.Error.Reason);
            }
        }
    }

    /// <summary>Commits what is stored, now (before partitions leave, and at shutdown).</summary>
    private void CommitStored(IConsumer<string, byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (IsOwnershipChange(ex.Error.Code) || ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            logger.LogInformation("Offsets of {GroupId} not committed ({Reason}); whoever owns the partitions reads from the last commit",
                GroupId, ex.Error.Reason);
        }
    }

    private static bool IsOwnershipChange(ErrorCode code) => code is ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress
        or ErrorCode.UnknownMemberId or ErrorCode.Local_State or ErrorCode.Local_UnknownPartition;

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
