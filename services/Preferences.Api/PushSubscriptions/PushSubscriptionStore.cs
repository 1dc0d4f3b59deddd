using Microsoft.EntityFrameworkCore;
using Preferences.Api.Data;
using Preferences.Api.Model;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.PushSubscriptions;

/// <summary>What registering did: created or renewed the subscription, or refused it because the person has the most they may keep.</summary>
public sealed record RegisterOutcome(PushSubscription? Subscription, bool Created)
{
    public bool LimitReached => Subscription is null;
}

/// <summary>A person's push subscriptions: registered, listed, removed (by the person, a service, or a push service's 404/410).</summary>
public sealed class PushSubscriptionStore(PreferencesDbContext db, TimeProvider time, ILogger<PushSubscriptionStore> logger)
{
    public Task<List<PushSubscription>> ListAsync(string userId, CancellationToken ct) =>
        db.PushSubscriptions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync(ct);

    /// <summary>
    /// Under the person's lock, so two browsers registering at once cannot both pass the limit. The same endpoint
    /// again replaces its keys and expiry (a renewed subscription) and keeps its id.
    /// </summary>
    public Task<RegisterOutcome> RegisterAsync(string userId, ValidSubscription valid, CancellationToken ct) =>
        db.WriteAsync(async token =>
        {
            await db.LockPersonAsync(userId, token);
            var now = time.GetUtcNow();
            var existing = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.UserId == userId && s.Endpoint == valid.Endpoint, token);
            if (existing is not null)
            {
                existing.P256dh = valid.P256dh;
                existing.Auth = valid.Auth;
                existing.ExpiresAt = valid.ExpiresAt;
                existing.UpdatedAt = now;
                return new RegisterOutcome(existing, Created: false);
            }
            if (await db.PushSubscriptions.CountAsync(s => s.UserId == userId, token) >= PushSubscriptionLimits.MaxPerPerson)
            {
                return new RegisterOutcome(null, Created: false);
            }
            var created = new PushSubscription
            {
                Id = Guid.CreateVersion7(now),
                UserId = userId,
                Endpoint = valid.Endpoint,
                P256dh = valid.P256dh,
                Auth = valid.Auth,
                ExpiresAt = valid.ExpiresAt,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.PushSubscriptions.Add(created);
            return new RegisterOutcome(created, Created: true);
        }, ct);

    /// <summary>Removes one of the person's subscriptions; false when they have none by that id (someone else's included).</summary>
    public async Task<bool> RemoveAsync(string userId, Guid id, string why, CancellationToken ct)
    {
        var removed = await db.PushSubscriptions.Where(s => s.UserId == userId && s.Id == id).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            logger.LogInformation("Push subscription {SubscriptionId} of {UserId} removed: {Reason}", id, userId, why);
        }
        return removed > 0;
    }
}
