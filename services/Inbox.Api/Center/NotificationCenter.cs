using System.Text.Json;
using Inbox.Api.Inbox;

namespace Inbox.Api.Center;

/// <summary>
/// One answer for a person's notification page: their inbox page and unread counts (this service's data) and their
/// preferences summary (preferences-api's, over HTTP). Parts that could not be had are named in <see cref="Missing"/>
/// and null, never a 5xx: the inbox is worth showing without the rest.
/// </summary>
public sealed record NotificationCenterView(InboxPage Inbox, UnreadCounts Unread, JsonElement? Preferences, IReadOnlyList<string> Missing);

/// <summary>Composes the notification center; preferences-api is asked while the inbox is read.</summary>
public sealed class NotificationCenter(InboxQueries queries, PreferencesClient preferences, ILogger<NotificationCenter> logger)
{
    public const string PreferencesPart = "preferences";

    public async Task<NotificationCenterView> ComposeAsync(string userId, string bearerToken, PageRequest page, CancellationToken ct)
    {
        var preferencesTask = TryGetPreferencesAsync(bearerToken, ct);
        var inbox = await queries.PageAsync(userId, page.First, page.After, page.Filter, ct);
        var unread = await queries.UnreadCountsAsync(userId, ct);
        var summary = await preferencesTask;
        return new NotificationCenterView(inbox, unread, summary, summary is null ? [PreferencesPart] : []);
    }

    /// <summary>The person's preferences, or null when preferences-api did not answer in time (the caller says so).</summary>
    public async Task<JsonElement?> TryGetPreferencesAsync(string bearerToken, CancellationToken ct)
    {
        try
        {
            return await preferences.GetMineAsync(bearerToken, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("The notification center answers without preferences: preferences-api did not ({Error})", $"{ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }
}
