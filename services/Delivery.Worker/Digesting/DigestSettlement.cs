using Delivery.Worker.Data;
using Delivery.Worker.Model;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;
using Delivery.Worker.Delivering;

namespace Delivery.Worker.Digesting;

/// <summary>
/// A digest belongs to no notification of its own: what senders and people see is its items. Once the digest's
/// delivery is final, each collected delivery still Digested ends the same way (Delivered in digest X, or Failed
/// with the digest's reason) and is announced; until then they stay Digested. Runs again on every announcement
/// of the digest (a redelivered record), which only announces the same events again.
/// </summary>
public sealed class DigestSettlement(DeliveryDbContext db, IEventBus bus, TimeProvider time, ILogger<DigestSettlement> logger)
{
    public async Task SettleAsync(RecipientDelivery digest)
    {
        if (!digest.IsFinal)
        {
            return;
        }
        var window = await db.DigestWindows.FindAsync([digest.DeliveryKey], CancellationToken.None);
        var keys = await db.CollectedDeliveries.Where(c => c.WindowKey == digest.DeliveryKey).Select(c => c.DeliveryKey).ToListAsync(CancellationToken.None);
        var items = await db.Deliveries.Where(d => keys.Contains(d.DeliveryKey)).ToListAsync(CancellationToken.None);
        var now = time.GetUtcNow();
        foreach (var item in items.Where(i => i.State == DeliveryState.Digested))
        {
            item.SettleFromDigest(digest, window?.DigestKey ?? digest.DeliveryKey, now);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Digest {DigestDeliveryKey} is {DeliveryState}: its {ItemCount} item(s) end with it", digest.DeliveryKey, digest.State, items.Count);
        foreach (var item in items)
        {
            await bus.PublishAsync(item.ToStatusEvent(), item.StatusEventOptions(), CancellationToken.None);
        }
    }
}
