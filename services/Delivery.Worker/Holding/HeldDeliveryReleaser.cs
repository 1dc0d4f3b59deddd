using Delivery.Worker.Data;
using Delivery.Worker.Delivering;
using Microsoft.EntityFrameworkCore;

namespace Delivery.Worker.Holding;

/// <summary>
/// Publishes held deliveries on the dispatch topic when they fall due (checked every second), then forgets them.
/// Rows are locked with SKIP LOCKED, so replicas share the work; a crash between publishing and forgetting
/// publishes a record again, which the delivery row recognises as a step already taken.
/// </summary>
public sealed class HeldDeliveryReleaser(IServiceScopeFactory scopes, TimeProvider time, ILogger<HeldDeliveryReleaser> logger) : DueReleaser(time, logger)
{
    protected override int BatchSize => 200;

    protected override string Releases => "held deliveries";

    protected override async Task<int> ReleaseDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var dispatches = scope.ServiceProvider.GetRequiredService<DispatchPublisher>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = Time.GetUtcNow();
            var due = await db.HeldDeliveries
                .FromSql($"""SELECT * FROM held_deliveries WHERE "DueAt" <= {now} ORDER BY "DueAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
            // Different deliveries: no order to keep between them, so one round trip for the lot.
            await Task.WhenAll(due.Select(held => DeliveryHolds.Deserialize(held.Record) is { } record
                ? dispatches.ReleaseAsync(record, ct)
                : Task.CompletedTask));
            db.HeldDeliveries.RemoveRange(due);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (due.Count > 0)
            {
                Logger.LogInformation("Released {HeldCount} held deliveries", due.Count);
            }
            return due.Count;
        }, ct);
    }
}
