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
/// dead-letter topic with the reason.
/// </summary>
public abstract class KafkaConsumerService(KafkaClientSettings settings, IEventPublisher publisher, TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    protected abstract string GroupId { get; }
    protected abstract IReadOnlyList<string> Topics { get; }

    protected abstract Task HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken);

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
        using var consumer = new ConsumerBuilder<string, byte[]>(settings.ConsumerConfig(GroupId)).Build();
        consumer.Subscribe(Topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? record;
                try
                {
                    record = consumer.Consume(stoppingToken);
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
                await ProcessUntilDoneAsync(record, stoppingToken);
                Commit(consumer, record);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was handled is committed; the rest is redelivered to whoever takes over.
        }
        finally
        {
            consumer.Close(); // leave the group now instead of after the session timeout
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
                                            or ErrorCode.UnknownMemberId or ErrorCode.Local_State or ErrorCode.Local_NoOffset)
        {
            Logger.LogInformation("Offset {TopicPartitionOffset} not committed ({Reason}); its new owner will read it again",
                record.TopicPartitionOffset, ex.Error.Reason);
        }
    }

    /// <summary>Retries a failing record in place with backoff: its partition waits rather than skipping it.</summary>
    private async Task ProcessUntilDoneAsync(ConsumeResult<string, byte[]> record, CancellationToken stoppingToken)
    {
        EventEnvelope envelope;
        try
        {
            envelope = CloudEventHeaders.FromMessage(record.Message);
        }
        catch (FormatException ex)
        {
            await DeadLetterAsync(record, ex.Message, stoppingToken);
            return;
        }

        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            using var activity = MessagingTelemetry.StartProcess(record.Topic, envelope);
            try
            {
                await HandleAsync(envelope, stoppingToken);
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
        // The record goes as it came (type and payload), with the reason beside it in headers.
        var type = CloudEventHeaders.Read(record.Message.Headers, CloudEventHeaders.Type) ?? "io.notificationaspire.unreadable-record";
        var envelope = new EventEnvelope(Guid.NewGuid().ToString(), type, $"/{GroupId}",
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
