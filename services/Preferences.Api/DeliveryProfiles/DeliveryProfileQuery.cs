using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Recipients;
using Preferences.Api.Data;
using Preferences.Api.Recipients;

namespace Preferences.Api.DeliveryProfiles;

/// <summary>
/// `GET /api/recipients/{userId}/delivery-profile?category={key}`: the worker's question at every attempt, so
/// it is six indexed lookups without tracking. Always 200: what does not exist is null, never 404, so the
/// worker can tell "no profile" from "service unreachable".
/// </summary>
public static class DeliveryProfileQuery
{
    public static async Task<Ok<DeliveryProfile>> GetAsync(string userId, string? category, PreferencesDbContext db, CancellationToken ct)
    {
        var key = string.IsNullOrEmpty(category) ? NotificationCategories.General : category;
        var profile = await db.Recipients.AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new { r.UserId, r.Email, r.Phone, r.Locale, r.TimeZone, r.DataJson }).FirstOrDefaultAsync(ct);
        var found = await db.Categories.AsNoTracking().Where(c => c.Key == key)
            .Select(c => new NotificationCategory(c.Key, c.Name, c.DefaultChannels, c.Critical)).FirstOrDefaultAsync(ct);
        // The person's global choices and those for this category; a category that does not exist has none.
        var preferences = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId && (p.Category == null || p.Category == key))
            .OrderBy(p => p.Category).ThenBy(p => p.Channel)
            .Select(p => new ChannelPreference(p.Category, p.Channel, p.Enabled)).ToListAsync(ct);
        var quietHours = await db.QuietHours.AsNoTracking().Where(q => q.UserId == userId)
            .Select(q => new QuietHoursWindow(q.Start, q.End)).FirstOrDefaultAsync(ct);

        var subscriptions = await db.PushSubscriptions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new PushSubscriptionContact(s.Id, s.Endpoint, s.P256dh, s.Auth)).ToListAsync(ct);
        // A disabled endpoint (it answered 410) is no address: none left means the webhook channel has none.
        var webhooks = await db.WebhookEndpoints.AsNoTracking().Where(e => e.UserId == userId && e.DisabledAt == null).OrderBy(e => e.CreatedAt)
            .Select(e => new WebhookEndpointContact(e.Id, e.Url, e.Secret)).ToListAsync(ct);

        var recipient = profile is null
            ? null
            : new RecipientContact(profile.UserId, profile.Email, profile.Phone, profile.Locale, profile.TimeZone, RecipientView.ParseData(profile.DataJson));
        return TypedResults.Ok(new DeliveryProfile(recipient, found, preferences, quietHours) { PushSubscriptions = subscriptions, WebhookEndpoints = webhooks });
    }

    /// <summary>The worker asks this at every attempt with a 2 s budget; its six queries are compiled before the first one.</summary>
    public static async Task WarmUpAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await GetAsync("warm-up", null, scope.ServiceProvider.GetRequiredService<PreferencesDbContext>(), ct);
    }
}
