using Microsoft.EntityFrameworkCore;
using Preferences.Api.Data;
using Preferences.Api.Model;

namespace Preferences.Api.Recipients;

/// <summary>Stores, reads and erases recipient profiles.</summary>
public sealed class RecipientDirectory(PreferencesDbContext db, TimeProvider time, ILogger<RecipientDirectory> logger)
{
    /// <summary>Creates or replaces every profile in one transaction: all of them are stored, or none.</summary>
    public Task<UpsertOutcome> UpsertAsync(IReadOnlyList<RecipientUpsert> upserts, CancellationToken ct) =>
        db.WriteAsync(async token =>
        {
            var now = time.GetUtcNow();
            var ids = upserts.Select(u => u.UserId).ToList();
            var existing = await db.Recipients.Where(r => ids.Contains(r.UserId)).ToDictionaryAsync(r => r.UserId, StringComparer.Ordinal, token);
            var profiles = new List<RecipientProfile>(upserts.Count);
            foreach (var (userId, details) in upserts)
            {
                if (existing.TryGetValue(userId, out var profile))
                {
                    profile.Replace(details, now);
                }
                else
                {
                    profile = RecipientProfile.Create(userId, details, now);
                    db.Recipients.Add(profile);
                }
                profiles.Add(profile);
            }
            return new UpsertOutcome(upserts.Count - existing.Count, profiles);
        }, ct);

    /// <summary>
    /// A person's own choice of language and zone. Someone no service described yet gets a profile with only
    /// these, so the choice is there when a service adds their addresses (which replaces the profile whole, as PUT
    /// means; a service that knows the person's language sends it then).
    /// </summary>
    public Task<RecipientProfile> SetLanguageAndZoneAsync(string userId, string? locale, string? timeZone, CancellationToken ct) =>
        db.WriteAsync(async token =>
        {
            var now = time.GetUtcNow();
            var profile = await db.Recipients.FirstOrDefaultAsync(r => r.UserId == userId, token);
            if (profile is null)
            {
                profile = RecipientProfile.Create(userId, new RecipientDetails(null, null, locale, timeZone, null), now);
                db.Recipients.Add(profile);
            }
            else
            {
                profile.ChooseLanguageAndZone(locale, timeZone, now);
            }
            return profile;
        }, ct);

    public Task<RecipientProfile?> FindAsync(string userId, CancellationToken ct) =>
        db.Recipients.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId, ct);

    /// <summary>
    /// Right to erasure: the profile, every preference and the quiet hours go, in one transaction. Only
    /// delivery history, kept by the other services under the bare user id, remains.
    /// </summary>
    public async Task EraseAsync(string userId, CancellationToken ct)
    {
        var profiles = await db.WriteAsync(async token =>
        {
            await db.LockPersonAsync(userId, token);
            await db.Preferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(token);
            await db.QuietHours.Where(q => q.UserId == userId).ExecuteDeleteAsync(token);
            await db.PushSubscriptions.Where(s => s.UserId == userId).ExecuteDeleteAsync(token);
            await db.WebhookEndpoints.Where(e => e.UserId == userId).ExecuteDeleteAsync(token);
            return await db.Recipients.Where(r => r.UserId == userId).ExecuteDeleteAsync(token);
        }, ct);
        // The erasure itself is worth a record; the user id is what delivery history keeps anyway.
        logger.LogInformation("Recipient {UserId} erased (a profile was {Found})", userId, profiles > 0 ? "found" : "not found");
    }
}

/// <summary>What an upsert did: how many profiles it created, and every profile as now stored.</summary>
public sealed record UpsertOutcome(int Created, IReadOnlyList<RecipientProfile> Profiles)
{
    public int Updated => Profiles.Count - Created;
}
