using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Webhooks;
using Preferences.Api.Data;
using Preferences.Api.Model;

namespace Preferences.Api.WebhookEndpoints;

/// <summary>What registering did: the new endpoint, or why there is none (the person has the most they may keep, or this URL already).</summary>
public sealed record WebhookRegistration(WebhookEndpoint? Endpoint, bool LimitReached, bool AlreadyRegistered);

/// <summary>A person's webhook endpoints: registered with a new secret, listed, removed, and disabled when a receiver answers 410.</summary>
public sealed class WebhookEndpointStore(PreferencesDbContext db, TimeProvider time, ILogger<WebhookEndpointStore> logger)
{
    public Task<List<WebhookEndpoint>> ListAsync(string userId, CancellationToken ct) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.CreatedAt).ToListAsync(ct);

    /// <summary>Under the person's lock, so two registrations at once cannot both pass the limit.</summary>
    public Task<WebhookRegistration> RegisterAsync(string userId, string url, CancellationToken ct) =>
        db.WriteAsync(async token =>
        {
            await db.LockPersonAsync(userId, token);
            // The same URL twice would get every notification twice; its secret is not shown again, so delete and register anew.
            if (await db.WebhookEndpoints.AnyAsync(e => e.UserId == userId && e.Url == url, token))
            {
                return new WebhookRegistration(null, LimitReached: false, AlreadyRegistered: true);
            }
            if (await db.WebhookEndpoints.CountAsync(e => e.UserId == userId, token) >= WebhookEndpointLimits.MaxPerPerson)
            {
                return new WebhookRegistration(null, LimitReached: true, AlreadyRegistered: false);
            }
            var now = time.GetUtcNow();
            var created = new WebhookEndpoint
            {
                Id = Guid.CreateVersion7(now),
                UserId = userId,
                Url = url,
                Secret = WebhookSecret.New().ToString(),
                CreatedAt = now,
            };
            db.WebhookEndpoints.Add(created);
            return new WebhookRegistration(created, LimitReached: false, AlreadyRegistered: false);
        }, ct);

    /// <summary>Removes one of the person's endpoints; false when they have none by that id (someone else's included).</summary>
    public async Task<bool> RemoveAsync(string userId, Guid id, string why, CancellationToken ct)
    {
        var removed = await db.WebhookEndpoints.Where(e => e.UserId == userId && e.Id == id).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            logger.LogInformation("Webhook endpoint {EndpointId} of {UserId} removed: {Reason}", id, userId, why);
        }
        return removed > 0;
    }

    /// <summary>Stops deliveries to the endpoint; the first reason is kept when it is reported again.</summary>
    public async Task DisableAsync(string userId, Guid id, string reason, CancellationToken ct)
    {
        if (await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.UserId == userId && e.Id == id && e.DisabledAt == null, ct) is not { } endpoint)
        {
            return;
        }
        endpoint.Disable(reason, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Webhook endpoint {EndpointId} of {UserId} disabled: {Reason}", id, userId, reason);
    }
}
