using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Recipients;
using Preferences.Api.Data;
using Preferences.Api.Model;

namespace Preferences.Api.Preferences;

/// <summary>Reads and replaces a person's preferences, and records a one-click opt-out and its undo.</summary>
public sealed class PreferenceStore(PreferencesDbContext db, ILogger<PreferenceStore> logger)
{
    public async Task<PreferenceSet> GetAsync(string userId, CancellationToken ct)
    {
        var entries = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new ChannelPreference(p.Category, p.Channel, p.Enabled)).ToListAsync(ct);
        var quietHours = await db.QuietHours.AsNoTracking().Where(q => q.UserId == userId)
            .Select(q => new QuietHoursWindow(q.Start, q.End)).FirstOrDefaultAsync(ct);
        return new PreferenceSet(entries, quietHours);
    }

    public async Task<IReadOnlySet<string>> CategoryKeysAsync(CancellationToken ct) =>
        (await db.Categories.AsNoTracking().Select(c => c.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The document replaces everything the person had chosen, in one transaction.</summary>
    public Task ReplaceAsync(string userId, PreferenceSet set, CancellationToken ct) =>
        db.WriteAsync(async token =>
        {
            await db.LockPersonAsync(userId, token);
            await db.Preferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(token);
            await db.QuietHours.Where(q => q.UserId == userId).ExecuteDeleteAsync(token);
            db.Preferences.AddRange(set.Entries.Select(e => new Preference { UserId = userId, Category = e.Category, Channel = e.Channel, Enabled = e.Enabled }));
            if (set.QuietHours is { } window)
            {
                db.QuietHours.Add(new QuietHours { UserId = userId, Start = window.Start, End = window.End });
            }
            return true;
        }, ct);

    /// <summary>
    /// Turns one category off on one channel, keeping every other choice. False when the category no longer
    /// exists: nothing can be sent in it, so there is nothing to record.
    /// </summary>
    public async Task<bool> OptOutAsync(string userId, string category, string channel, CancellationToken ct)
    {
        var recorded = await db.WriteAsync(async token =>
        {
            await db.LockPersonAsync(userId, token);
            if (!await db.Categories.AnyAsync(c => c.Key == category, token))
            {
                return false;
            }
            var preference = await db.Preferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Category == category && p.Channel == channel, token);
            if (preference is null)
            {
                db.Preferences.Add(new Preference { UserId = userId, Category = category, Channel = channel, Enabled = false });
            }
            else
            {
                preference.Enabled = false;
            }
            return true;
        }, ct);
        logger.LogInformation("Recipient {UserId} unsubscribed from {Category} on {Channel} by link ({Outcome})",
            userId, category, channel, recorded ? "recorded" : "no such category");
        return recorded;
    }

    /// <summary>
    /// Undoes a one-click opt-out: removes the "off" choice for that category on that channel, so it follows the
    /// category's defaults again, as before the click. Any other choice (an explicit "on") is left as it is.
    /// </summary>
    public async Task ResubscribeAsync(string userId, string category, string channel, CancellationToken ct)
    {
        var removed = await db.Preferences
            .Where(p => p.UserId == userId && p.Category == category && p.Channel == channel && !p.Enabled)
            .ExecuteDeleteAsync(ct);
        logger.LogInformation("Recipient {UserId} undid an unsubscribe from {Category} on {Channel} by link ({Removed} choice removed)",
            userId, category, channel, removed);
    }
}
