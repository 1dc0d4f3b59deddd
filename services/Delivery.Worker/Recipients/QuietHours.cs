using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Recipients;

/// <summary>Where a person's quiet hours stand at a given moment, on their own wall clock.</summary>
public static class QuietHours
{
    /// <summary>
    /// When the window that covers <paramref name="now"/> ends, or null when <paramref name="now"/> is outside it.
    /// Judged on the person's wall clock, so 22:00-07:00 stays 22:00-07:00 across a daylight-saving change.
    /// </summary>
    public static DateTimeOffset? EndOf(QuietHoursWindow window, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (window.Start == window.End)
        {
            return null; // an empty window, not a whole day
        }
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var acrossMidnight = window.End < window.Start;
        var inside = acrossMidnight ? time >= window.Start || time < window.End : time >= window.Start && time < window.End;
        if (!inside)
        {
            return null;
        }
        var endDay = DateOnly.FromDateTime(local);
        if (acrossMidnight && time >= window.Start)
        {
            endDay = endDay.AddDays(1);
        }
        return Instant(endDay.ToDateTime(window.End), zone);
    }

    /// <summary>The zone a profile names, or UTC when it names none (or one this machine does not know).</summary>
    public static TimeZoneInfo ZoneOf(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    private static DateTimeOffset Instant(DateTime localEnd, TimeZoneInfo zone)
    {
        // In a spring-forward gap the end's wall-clock time never happens: the window ends when the clock jumps past it.
        for (var i = 0; zone.IsInvalidTime(localEnd) && i < 24 * 60; i++)
        {
            localEnd = localEnd.AddMinutes(1);
        }
        // In a fall-back overlap it happens twice: the first time ends the window (the larger offset is the earlier instant).
        var offset = zone.IsAmbiguousTime(localEnd) ? zone.GetAmbiguousTimeOffsets(localEnd).Max() : zone.GetUtcOffset(localEnd);
        return new DateTimeOffset(DateTime.SpecifyKind(localEnd, DateTimeKind.Unspecified), offset);
    }
}
