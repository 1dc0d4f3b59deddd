using Delivery.Worker.Data;
using Delivery.Worker.Delivering;
using Delivery.Worker.Holding;
using Delivery.Worker.Model;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Digesting;

/// <summary>
/// Puts a delivery into the person's open digest window for its key (opening one if none is open), in one
/// transaction with the delivery becoming Digested: both, or neither and the record is redelivered. A record
/// seen again finds its item already collected and changes nothing.
/// </summary>
public sealed class DigestCollector(DeliveryDbContext db, AttemptOutcomeRecorder outcomes, TimeProvider time, ILogger<DigestCollector> logger)
{
    public async Task CollectAsync(RecipientDelivery delivery, DeliveryDispatched record, DigestRequest digest)
    {
        var now = time.GetUtcNow();
        var window = await WindowOfAsync(delivery.DeliveryKey)
            ?? await OpenWindowAsync(record, digest, now);
        if (await db.CollectedDeliveries.FindAsync([delivery.DeliveryKey], CancellationToken.None) is null)
        {
            db.CollectedDeliveries.Add(new CollectedDelivery
            {
                DeliveryKey = delivery.DeliveryKey,
                WindowKey = window.DeliveryKey,
                NotificationId = record.NotificationId,
                Record = DeliveryHolds.Serialize(record),
                CollectedAt = now,
            });
        }
        delivery.Digest($"In digest {window.DigestKey} until {window.ClosesAt:O}", window.ClosesAt, now);
        // A second window opened at the same moment by another consumer violates the open-window index: this
        // throws, the record is read again and joins the window that won.
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Delivery {DeliveryKey} collected in digest {DigestKey} ({WindowKey}) until {ClosesAt}",
            delivery.DeliveryKey, window.DigestKey, window.DeliveryKey, window.ClosesAt);
        await outcomes.AnnounceAsync(delivery);
    }

    /// <summary>The window this delivery is already in (a record seen again), whatever its state.</summary>
    private async Task<DigestWindow?> WindowOfAsync(string deliveryKey) =>
        await db.CollectedDeliveries.Where(c => c.DeliveryKey == deliveryKey)
            .Join(db.DigestWindows, c => c.WindowKey, w => w.DeliveryKey, (_, w) => w)
            .FirstOrDefaultAsync(CancellationToken.None);

    private async Task<DigestWindow> OpenWindowAsync(DeliveryDispatched record, DigestRequest digest, DateTimeOffset now)
    {
        var open = await db.DigestWindows.FirstOrDefaultAsync(w => w.RecipientUserId == record.RecipientUserId
            && w.Channel == record.Channel && w.DigestKey == digest.Key && w.ReleasedAt == null, CancellationToken.None);
        if (open is not null)
        {
            return open;
        }
        // To the millisecond, as the database keeps it: the key derived from it must be the same when read back.
        var opensAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var window = new DigestWindow
        {
            DeliveryKey = DeliveryKeys.ForDigest(record.RecipientUserId, record.Channel, digest.Key, opensAt),
            RecipientUserId = record.RecipientUserId,
            Channel = record.Channel,
            DigestKey = digest.Key,
            OpensAt = opensAt,
            ClosesAt = opensAt + digest.Window,
        };
        db.DigestWindows.Add(window);
        return window;
    }
}
