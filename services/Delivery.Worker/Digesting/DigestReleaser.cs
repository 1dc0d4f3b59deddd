using Delivery.Worker.Data;
using Delivery.Worker.Delivering;
using Delivery.Worker.Holding;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Digesting;

/// <summary>
/// Releases digest windows whose time is up (checked every second): ONE <see cref="DeliveryDispatched"/> per window
/// listing its items, then the window is marked released. Windows are locked with SKIP LOCKED, so replicas share the
/// work and a cancellation waits for a release in progress. A worker killed between publishing and committing
/// leaves the window open; the next release publishes the same record under the same delivery key and event id,
/// and the delivery row makes that second record harmless: one digest per window (docs/guarantees.md).
/// </summary>
public sealed class DigestReleaser(IServiceScopeFactory scopes, TimeProvider time, ILogger<DigestReleaser> logger) : DueReleaser(time, logger)
{
    protected override int BatchSize => 50;

    protected override string Releases => "digests";

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
            var due = await db.DigestWindows
                .FromSql($"""SELECT * FROM digest_windows WHERE "ReleasedAt" IS NULL AND "ClosesAt" <= {now} ORDER BY "ClosesAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
            var keys = due.Select(w => w.DeliveryKey).ToList();
            var items = (await db.CollectedDeliveries.Where(c => keys.Contains(c.WindowKey)).ToListAsync(ct))
                .ToLookup(c => c.WindowKey);
            var digests = due.Select(w => DigestOf(w, items[w.DeliveryKey])).OfType<DeliveryDispatched>().ToList();
            // Before the windows are marked: a crash in between publishes again (the same event), never loses a digest.
            await Task.WhenAll(digests.Select(d => dispatches.DispatchAsync(d, ct)));
            foreach (var window in due)
            {
                window.Release(now);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            foreach (var window in due)
            {
                Logger.LogInformation("Released digest {DigestKey} ({WindowKey}) for {RecipientUserId} on {Channel} with {ItemCount} item(s)",
                    window.DigestKey, window.DeliveryKey, window.RecipientUserId, window.Channel, items[window.DeliveryKey].Count());
            }
            return due.Count;
        }, ct);
    }

    /// <summary>
    /// The digest as one delivery: the first item's record (category, contact) carrying every item; null for a window
    /// whose items were all cancelled, which sends nothing. Built from stored rows only, so a second release is the same.
    /// </summary>
    public static DeliveryDispatched? DigestOf(DigestWindow window, IEnumerable<CollectedDelivery> collected)
    {
        var items = collected.OrderBy(c => c.CollectedAt).ThenBy(c => c.DeliveryKey, StringComparer.Ordinal)
            .Select(c => (c.CollectedAt, Record: DeliveryHolds.Deserialize(c.Record)))
            .Where(c => c.Record is not null)
            .ToList();
        if (items.Count == 0)
        {
            return null;
        }
        var first = items[0].Record!;
        return first with
        {
            NotificationId = DeliveryKeys.DigestNotificationId(window.DeliveryKey),
            DeliveryKey = window.DeliveryKey,
            Subject = null,
            Body = null,
            CorrelationKey = null,
            Attempt = 1,
            NotBefore = null,
            History = [],
            ReplayId = null,
            // Each item was checked against the category's channels when it was collected.
            ChannelChosenBySender = true,
            Fallback = null,
            SendTime = null,
            Digest = null,
            Template = first.Digest?.Template,
            TemplateData = null,
            DigestCount = items.Count,
            DigestItems = [.. items.Take(DeliveryDispatched.DigestItemsListed)
                .Select(i => new DigestItem(i.Record!.NotificationId, i.CollectedAt, i.Record.Subject, i.Record.Body, i.Record.Template, i.Record.TemplateData))],
        };
    }
}
