using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationAspire.Messaging;

namespace NotificationAspire.Outbox;

/// <summary>
/// Publishes committed outbox rows to Kafka, oldest first, and deletes them once the broker has them. A row
/// stays until the broker acknowledged it, so a crash or a broker outage delays events but never loses one.
/// Publishing and deleting are not atomic: after a crash between them a row is published twice, which
/// consumers absorb (the event id is the row's). Rows are locked with SKIP LOCKED, so replicas share the work.
/// </summary>
internal sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopes, IEventPublisher transport, OutboxSignal signal, IOptions<MessagingOptions> messaging,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (published, failed) = await RelayBatchAsync(stoppingToken);
                backoff = failed ? Next(backoff) : TimeSpan.Zero;
                if (published == BatchSize && !failed)
                {
                    continue; // more are waiting
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Outbox relay could not read or update the outbox");
                backoff = Next(backoff);
            }
            await (backoff > TimeSpan.Zero ? Task.Delay(backoff, stoppingToken) : signal.WaitAsync(PollInterval, stoppingToken));
        }
    }

    private async Task<(int Published, bool Failed)> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // The connection's retrying strategy may only run a whole transaction, never half of one.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => RelayBatchAsync(db, ct), ct);
    }

    private async Task<(int Published, bool Failed)> RelayBatchAsync(TContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var pending = await db.Set<OutboxMessage>()
            .FromSql($"""SELECT * FROM outbox ORDER BY "CreatedAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);

        // All of the batch goes to the producer at once and is awaited together: one round trip to the broker
        // for the batch instead of one per row. The idempotent producer keeps each partition's order, and fails
        // the rows behind a failed one in the same partition, so rows are deleted only up to the first failure.
        // Not cancelled by a shutdown: a batch handed to the producer is seen through (milliseconds), so its rows are
        // deleted and nothing is left in flight when the service exits.
        var sent = pending.Select(message => transport.PublishAsync(message.AggregateType, ToEnvelope(message), CancellationToken.None)).ToList();
        var published = 0;
        var failed = false;
        for (var i = 0; i < pending.Count; i++)
        {
            try
            {
                await sent[i];
                if (!failed)
                {
                    db.Remove(pending[i]);
                    published++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Later rows may be for the same key and must not overtake it: they stay, and go again after it.
                if (!failed)
                {
                    logger.LogWarning(ex, "Publishing outbox message {OutboxId} to {Topic} failed", pending[i].Id, pending[i].AggregateType);
                }
                failed = true;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (published, failed);
    }

    private EventEnvelope ToEnvelope(OutboxMessage message) => new(message.Id.ToString(), message.EventType, messaging.Value.Source,
        message.CreatedAt, message.AggregateId, message.Payload, message.TraceParent);

    private static TimeSpan Next(TimeSpan backoff) =>
        backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
}
