using Confluent.Kafka;
using Inbox.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Inbox.Api.Projection;

/// <summary>What a rebuild did.</summary>
public sealed record RebuildReport(long EventsRead, long EventsApplied, TimeSpan Took);

/// <summary>
/// Throws the projection away and builds it again from the events: the operator's way out after a projection bug.
/// Under the projection lock held exclusively (live projection waits meanwhile, on every replica), it empties the
/// projected tables and replays every topic of the projection's consumer group from the start up to where each
/// partition ends now, through the same <see cref="InboxProjector"/>. People's marks are not projected and stay; a
/// person's items are read in the order of their partition, so they get the same sequence numbers as before. What
/// the live consumer reads afterwards it finds applied already (event ids), so nothing is doubled.
/// Only what the broker still keeps can be replayed: topics of the read side need a retention that covers it.
/// </summary>
public sealed class ProjectionRebuild(IServiceScopeFactory scopes, KafkaClientSettings kafka, IConfiguration configuration, TimeProvider time,
    ILogger<ProjectionRebuild> logger)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<RebuildReport?> RunAsync(CancellationToken ct)
    {
        if (!await _one.WaitAsync(0, ct))
        {
            return null; // one at a time in this replica; the advisory lock orders replicas
        }
        try
        {
            var started = time.GetTimestamp();
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString(ResourceNames.InboxDatabase));
            await connection.OpenAsync(ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({ProjectionRun.LockKey})", connection))
            {
                await take.ExecuteNonQueryAsync(ct);
            }
            try
            {
                await EmptyAsync(ct);
                var (read, applied) = await ReplayAsync(ct);
                var report = new RebuildReport(read, applied, time.GetElapsedTime(started));
                logger.LogInformation("Rebuilt the inbox projection from {EventsRead} events ({EventsApplied} applied) in {Took}", read, applied, report.Took);
                return report;
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({ProjectionRun.LockKey})", connection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task EmptyAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InboxDbContext>();
        await db.Database.ExecuteSqlAsync($"TRUNCATE inbox_items, timeline_entries, notifications", ct);
    }

    private async Task<(long Read, long Applied)> ReplayAsync(CancellationToken ct)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(kafka.ConsumerConfig($"{ConsumerGroups.InboxProjection.Id}-rebuild")).Build();
        var ends = new Dictionary<TopicPartition, long>();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            foreach (var topic in ConsumerGroups.InboxProjection.Topics)
            {
                foreach (var partition in metadata.Topics.Single(t => t.Topic == topic.Name).Partitions)
                {
                    var place = new TopicPartition(topic.Name, partition.PartitionId);
                    var end = consumer.QueryWatermarkOffsets(place, TimeSpan.FromSeconds(10)).High.Value;
                    if (end > 0)
                    {
                        ends[place] = end;
                    }
                }
            }
        }
        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        long read = 0, applied = 0;
        var open = new HashSet<TopicPartition>(ends.Keys);
        while (open.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var record = consumer.Consume(TimeSpan.FromSeconds(1));
            if (record?.Message is null)
            {
                continue;
            }
            read++;
            if (await ApplyAsync(record, ct))
            {
                applied++;
            }
            if (record.Offset.Value + 1 >= ends[record.TopicPartition])
            {
                open.Remove(record.TopicPartition);
                consumer.Pause([record.TopicPartition]);
            }
        }
        return (read, applied);
    }

    /// <summary>The record through the projector as the live consumer would hand it over; false for a type it does not project.</summary>
    private async Task<bool> ApplyAsync(ConsumeResult<string, byte[]> record, CancellationToken ct)
    {
        EventEnvelope envelope;
        try
        {
            envelope = CloudEventHeaders.FromMessage(record.Message);
        }
        catch (FormatException)
        {
            return false; // the live consumer dead-lettered it; so does nobody here
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ProjectionRun>().Replaying = true;
        var projector = scope.ServiceProvider.GetRequiredService<InboxProjector>();
        var context = new EventContext(envelope.Id, record.Topic);
        switch (envelope.Type)
        {
            case var type when type == InAppMessageDelivered.EventType:
                await projector.HandleAsync(envelope.Payload<InAppMessageDelivered>(), context, ct);
                return true;
            case var type when type == DeliveryStatusChanged.EventType:
                await projector.HandleAsync(envelope.Payload<DeliveryStatusChanged>(), context, ct);
                return true;
            case var type when type == NotificationRequested.EventType:
                await projector.HandleAsync(envelope.Payload<NotificationRequested>(), context, ct);
                return true;
            default:
                return false;
        }
    }
}
