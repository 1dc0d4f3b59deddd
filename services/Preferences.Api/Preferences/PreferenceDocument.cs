using System.Globalization;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.Preferences;

/// <summary>
/// A person's preferences as one JSON document, read and replaced whole:
/// `{ "channels": {"sms": false}, "categories": {"order-updates": {"email": false}}, "quietHours": {"start": "22:00", "end": "07:00"} }`.
/// `channels` holds global per-channel choices, `categories` per-category ones; what is not named follows the category's defaults.
/// </summary>
public sealed record PreferenceDocument(
    Dictionary<string, bool>? Channels,
    Dictionary<string, Dictionary<string, bool>?>? Categories,
    QuietHoursDocument? QuietHours)
{
    public const string TimeFormat = "HH:mm";

    public static PreferenceDocument From(PreferenceSet set) => new(
        set.Entries.Where(e => e.Category is null).OrderBy(e => e.Channel, StringComparer.Ordinal).ToDictionary(e => e.Channel, e => e.Enabled),
        set.Entries.Where(e => e.Category is not null).GroupBy(e => e.Category!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Dictionary<string, bool>?)g.OrderBy(e => e.Channel, StringComparer.Ordinal).ToDictionary(e => e.Channel, e => e.Enabled)),
        set.QuietHours is { } window
            ? new QuietHoursDocument(window.Start.ToString(TimeFormat, CultureInfo.InvariantCulture), window.End.ToString(TimeFormat, CultureInfo.InvariantCulture))
            : null);
}

/// <summary>Quiet hours as local times ("22:00"); an end before the start runs across midnight.</summary>
public sealed record QuietHoursDocument(string? Start, string? End);

/// <summary>A person's preferences as stored and as the delivery profile carries them.</summary>
public sealed record PreferenceSet(IReadOnlyList<ChannelPreference> Entries, QuietHoursWindow? QuietHours);
