using System.Globalization;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Categories;

namespace Preferences.Api.Preferences;

/// <summary>
/// What a preferences document may say: known channels, existing categories, quiet hours as two different
/// "HH:mm" times. Errors are keyed `channels.fax`, `categories.order-updates.fax`, `quietHours.start`.
/// </summary>
public static class PreferenceRules
{
    public static PreferenceSet? Validate(PreferenceDocument document, IReadOnlySet<string> categories, FieldErrors errors)
    {
        var entries = new List<ChannelPreference>();
        foreach (var (channel, enabled) in document.Channels ?? [])
        {
            AddEntry(entries, null, channel, enabled, $"channels.{channel}", errors);
        }
        foreach (var (category, channels) in document.Categories ?? [])
        {
            if (!categories.Contains(category))
            {
                errors.Add($"categories.{category}", $"Unknown category '{category}'. GET /api/categories lists them.");
                continue;
            }
            foreach (var (channel, enabled) in channels ?? [])
            {
                AddEntry(entries, category, channel, enabled, $"categories.{category}.{channel}", errors);
            }
        }
        var quietHours = QuietHoursOf(document.QuietHours, errors);
        return errors.Any ? null : new PreferenceSet(entries, quietHours);
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, PreferenceDocument.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static void AddEntry(List<ChannelPreference> entries, string? category, string channel, bool enabled, string field, FieldErrors errors)
    {
        if (KnownChannels.All.Contains(channel))
        {
            entries.Add(new ChannelPreference(category, channel, enabled));
        }
        else
        {
            errors.Add(field, CategoryRules.ChannelMessage(channel));
        }
    }

    private static QuietHoursWindow? QuietHoursOf(QuietHoursDocument? document, FieldErrors errors)
    {
        if (document is null)
        {
            return null;
        }
        const string format = "A local time as HH:mm, 00:00 to 23:59 (22:00).";
        var hasStart = TryParseTime(document.Start, out var start);
        var hasEnd = TryParseTime(document.End, out var end);
        if (!hasStart)
        {
            errors.Add("quietHours.start", format);
        }
        if (!hasEnd)
        {
            errors.Add("quietHours.end", format);
        }
        if (hasStart && hasEnd && start == end)
        {
            errors.Add("quietHours", "Start and end must differ; send null for no quiet hours.");
        }
        return hasStart && hasEnd ? new QuietHoursWindow(start, end) : null;
    }
}
