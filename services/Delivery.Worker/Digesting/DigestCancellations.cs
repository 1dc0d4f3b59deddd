using Delivery.Worker.Data;
using Microsoft.EntityFrameworkCore;

namespace Delivery.Worker.Digesting;

/// <summary>
/// Takes a cancelled notification's deliveries out of the digests still collecting. The windows are locked first
/// (FOR UPDATE, in the caller's transaction): a release in progress finishes before, and its digest keeps the item,
/// or the item is gone before the release reads the window. A window left with no items sends nothing.
/// </summary>
public sealed class DigestCancellations(DeliveryDbContext db)
{
    /// <returns>The keys of the notification's deliveries in digests already released, which cannot be taken back.</returns>
    public async Task<IReadOnlySet<string>> RemoveAsync(Guid notificationId, CancellationToken ct)
    {
        var collected = await db.CollectedDeliveries.Where(c => c.NotificationId == notificationId).ToListAsync(ct);
        if (collected.Count == 0)
        {
            return new HashSet<string>();
        }
        var windowKeys = collected.Select(c => c.WindowKey).Distinct().ToList();
        var windows = await db.DigestWindows
            .FromSql($"""SELECT * FROM digest_windows WHERE "DeliveryKey" = ANY({windowKeys}) ORDER BY "DeliveryKey" FOR UPDATE""")
            .ToDictionaryAsync(w => w.DeliveryKey, ct);
        var released = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in collected)
        {
            if (windows.TryGetValue(item.WindowKey, out var window) && !window.IsOpen)
            {
                released.Add(item.DeliveryKey);
            }
            else
            {
                db.CollectedDeliveries.Remove(item);
            }
        }
        return released;
    }
}
