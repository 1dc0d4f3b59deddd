using System.Security.Cryptography;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.Messaging;

/// <summary>
/// A consumer-group member that commits a record's offset only after its handler finished, so a crash
/// anywhere before that means redelivery, never loss. Handlers must therefore be idempotent.
/// A record that is not a readable CloudEvent, or whose handler says it is unprocessable, goes to the
/// dead-letter topic with the reason. A record that is not due yet (<see cref="DueAt"/>) pauses its own
/// partition until it is, so delayed work neither blocks the other partitions nor gets lost.
/// </summary>
public abstract class KafkaConsumerService(KafkaClientSettings settings, IEventPublisher publisher, TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The longest one Consume call blocks: how soon shutdown and partitions falling due are noticed.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    protected abstract string GroupId { get; }
    protected abstract IReadOnlyList<string> Topics { get; }

    /// <param name="topic">Where the record was read, for handlers that consume several topics.</param>
    protected abstract Task HandleAsync(EventEnvelope envelope, string topic, CancellationToken cancellationToken);

    /// <summary>
    /// When the record may be handled, for topics of delayed work (a retry's NotBefore); null means now. May
    /// throw <see cref="UnprocessableEventException"/> like a handler.
    /// </summary>
    protected virtual DateTimeOffset? DueAt(EventEnvelope envelope) => null;

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
                Logger.LogWarning(ex, "Consumer of {Topics} in {GroupId} failed ({Reason}); starting a new one", string.Join(",", Topics), GroupId, ex.Error.Reason);
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
            .Build();
        consumer.Subscribe(Topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Resume(consumer, held.ReleaseDue(Time.GetUtcNow()));
                ConsumeResult<string, byte[]>? record;
                try
                {
                    record = consumer.Consume(held.WaitBefore(Time.GetUtcNow(), MaxWait));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    Logger.LogWarning("Consuming {Topics} failed for now: {Reason}", string.Join(",", Topics), ex.Error.Reason);
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
        EventEnvelope envelope;
        DateTimeOffset? dueAt;
        try
        {
            envelope = CloudEventHeaders.FromMessage(record.Message);
            dueAt = DueAt(envelope);
        }
        catch (Exception ex) when (ex is FormatException or UnprocessableEventException)
        {
            await DeadLetterAsync(record, ex.Message, stoppingToken);
            return true;
        }

        if (dueAt is { } due && due > Time.GetUtcNow())
        {
            consumer.Pause([record.TopicPartition]);
            consumer.Seek(record.TopicPartitionOffset);
            held.Hold(record.TopicPartitionOffset, due);
            Logger.LogDebug("Holding {TopicPartitionOffset} ({EventType} {EventId}) until {DueAt}", record.TopicPartitionOffset, envelope.Type, envelope.Id, due);
            return false;
        }

        await ProcessUntilDoneAsync(record, envelope, stoppingToken);
        return true;
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
            Logger.LogDebug(ex, "Resuming {Partitions} failed", string.Join(", ", partitions));
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
            Logger.LogInformation("Offset {TopicPartitionOffset} not committed ({Reason}); its new owner will read it again",
                record.TopicPartitionOffset, ex.Error.Reason);
        }
    }

    /// <summary>Retries a failing record in place with backoff: its partition waits rather than skipping it.</summary>
    private async Task ProcessUntilDoneAsync(ConsumeResult<string, byte[]> record, EventEnvelope envelope, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var activity = MessagingTelemetry.StartProcess(record.Topic, envelope);
            try
            {
                await HandleAsync(envelope, record.Topic, stoppingToken);
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
                Logger.LogWarning(ex, "Handling {EventType} {EventId} from {TopicPartitionOffset} failed (attempt {Attempt}); retrying in {Backoff}",
                    envelope.Type, envelope.Id, record.TopicPartitionOffset, attempt, backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task DeadLetterAsync(ConsumeResult<string, byte[]> record, string reason, CancellationToken ct)
    {
        Logger.LogError("Record {TopicPartitionOffset} is not a readable event ({Reason}); moving it to the dead letters",
            record.TopicPartitionOffset, reason);
        // The record goes as it came (type and payload), with the reason beside it in headers. Its id comes from
        // the record's place and content, so moving it again after a crash gives the same dead letter, not a
        // second one (and another record at the same place, after the broker lost its data, gets its own).
        var type = CloudEventHeaders.Read(record.Message.Headers, CloudEventHeaders.Type) ?? "io.notificationaspire.unreadable-record";
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(record.Message.Value ?? []))[..16];
        var envelope = new EventEnvelope($"{record.TopicPartitionOffset}:unreadable:{fingerprint}", type, $"/{GroupId}",
            Time.GetUtcNow(), record.Message.Key ?? string.Empty,
            System.Text.Encoding.UTF8.GetString(record.Message.Value ?? []),
            Extensions: new Dictionary<string, string>
            {
                [DeadLetterHeaders.Reason] = reason,
                [DeadLetterHeaders.SourceTopic] = record.TopicPartitionOffset.ToString(),
            });
        await publisher.PublishAsync(KafkaTopics.NotificationDeadLetters.Name, envelope, ct);
    }
}
