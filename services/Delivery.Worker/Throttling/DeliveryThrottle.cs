using Delivery.Worker.Data;
using Delivery.Worker.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Throttling;

/// <summary>
/// Counts what a person got of a category on a channel within the throttle's period and applies <see cref="ThrottleRule"/>.
/// Counted are attempts made (Sending or Delivered rows with an attempt): a digest counts once, its items not at all.
/// One person's deliveries share a partition, so their first attempts are counted in order.
/// </summary>
public sealed class DeliveryThrottle(DeliveryDbContext db, IOptionsMonitor<ThrottleOptions> options)
{
    public async Task<(DigestRequest? Digest, string? DropReason)?> ExcessAsync(DeliveryDispatched record, DateTimeOffset now, CancellationToken ct)
    {
        if (options.CurrentValue.For(record.Category) is not { } throttle)
        {
            return null;
        }
        var since = now - throttle.Period;
        var sent = await db.Deliveries.CountAsync(d => d.RecipientUserId == record.RecipientUserId && d.Channel == record.Channel
            && d.Category == record.Category && d.AttemptCount > 0 && d.DeliveryKey != record.DeliveryKey
            && (d.State == DeliveryState.Delivered || d.State == DeliveryState.Sending) && d.UpdatedAt >= since, ct);
        return ThrottleRule.Excess(throttle, record.Category, record.Channel, sent);
    }
}
