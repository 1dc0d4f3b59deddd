using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Messaging;

namespace Notifications.Api.Outbox;

/// <summary>
/// Publishes committed outbox rows to Kafka, oldest first, and marks them published. A row stays pending
/// until the broker acknowledged it, so a crash or a broker outage delays events but never loses one.
/// Publishing and marking are not atomic: after a crash between them a row is published twice, which
/// consumers absorb (their keys are idempotent). Rows are locked with SKIP LOCKED, so replicas share the work.
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes, IEventPublisher publisher, OutboxSignal signal, TimeProvider time, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int BatchSize = 50;
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
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // The connection's retrying strategy may only run a whole transaction, never half of one.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => RelayBatchAsync(db, ct), ct);
    }

    private async Task<(int Published, bool Failed)> RelayBatchAsync(NotificationsDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var pending = await db.Outbox
            .FromSql($"""SELECT * FROM outbox WHERE "PublishedAt" IS NULL ORDER BY "CreatedAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);

        var published = 0;
        var failed = false;
        foreach (var message in pending)
        {
            try
            {
                await publisher.PublishAsync(message.Topic, message.ToEnvelope(), ct);
                message.PublishedAt = time.GetUtcNow();
                published++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Stop at the first failure: later rows may be for the same key and must not overtake it.
                message.PublishAttempts++;
                message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                logger.LogWarning(ex, "Publishing outbox message {OutboxId} to {Topic} failed (attempt {Attempt})",
                    message.Id, message.Topic, message.PublishAttempts);
                failed = true;
                break;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (published, failed);
    }

    private static TimeSpan Next(TimeSpan backoff) =>
        backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
}
