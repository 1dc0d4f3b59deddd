using System.Globalization;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Sending;

/// <summary>
/// `sendAt` (an instant with its offset, `2026-12-24T18:00:00Z`) or `sendAtLocal` (a wall-clock time without one,
/// `2026-12-24T09:00`, applied in each recipient's time zone), at most <see cref="MaxAhead"/> ahead. A time already
/// past sends at once, as when neither is given: a caller's clock a little behind ours must not lose a send.
/// </summary>
public static class SendTimeRules
{
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    /// <summary>Time zones reach 14 hours either side of UTC, so a local time is checked against that widest day.</summary>
    private static readonly TimeSpan WidestOffset = TimeSpan.FromHours(14);

    private static readonly string[] LocalFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"];

    public static SendTime? Parse(string? sendAt, string? sendAtLocal, DateTimeOffset now, Action<string, string> error)
    {
        if (sendAt is not null && sendAtLocal is not null)
        {
            error("sendAtLocal", "Give either sendAt (one instant for everyone) or sendAtLocal (a time in each recipient's zone), not both.");
            return null;
        }
        if (sendAt is not null)
        {
            if (!HasOffset(sendAt) || !DateTimeOffset.TryParse(sendAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                error("sendAt", "An ISO 8601 instant with its offset, e.g. 2026-12-24T18:00:00Z or 2026-12-24T19:00:00+01:00.");
                return null;
            }
            if (at > now + MaxAhead)
            {
                error("sendAt", $"At most {MaxAhead.TotalDays:0} days ahead.");
                return null;
            }
            return new SendTime(at, null);
        }
        if (sendAtLocal is not null)
        {
            if (!DateTime.TryParseExact(sendAtLocal, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                error("sendAtLocal", "A local date and time without an offset, e.g. 2026-12-24T09:00; each recipient gets it in their own time zone.");
                return null;
            }
            if (new DateTimeOffset(local, TimeSpan.Zero) - WidestOffset > now + MaxAhead)
            {
                error("sendAtLocal", $"At most {MaxAhead.TotalDays:0} days ahead.");
                return null;
            }
            return new SendTime(null, local);
        }
        return null;
    }

    /// <summary>An instant names its offset (`Z` or `±hh:mm`) after the time; without one it would mean this server's zone.</summary>
    private static bool HasOffset(string value)
    {
        var time = value.IndexOf('T', StringComparison.Ordinal);
        return time > 0 && (value.EndsWith('Z') || value.EndsWith('z') || value.IndexOfAny(['+', '-'], time) > 0);
    }
}
