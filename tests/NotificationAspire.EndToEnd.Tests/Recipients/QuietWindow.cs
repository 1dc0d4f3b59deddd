using System.Globalization;

namespace NotificationAspire.EndToEnd.Tests.Recipients;

/// <summary>Quiet hours are whole local minutes: what the tests that hold a delivery for a while set, in the person's zone.</summary>
internal static class QuietWindow
{
    /// <summary>Now on the wall clock of <paramref name="zone"/>.</summary>
    public static DateTimeOffset LocalNow(string zone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));

    /// <summary>The first minute boundary at least <paramref name="margin"/> after <paramref name="local"/>.</summary>
    public static DateTimeOffset EndingSoon(DateTimeOffset local, TimeSpan margin)
    {
        var end = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, local.Offset).AddMinutes(1);
        return end - local < margin ? end.AddMinutes(1) : end;
    }

    /// <summary>A time of day as preferences take it (`HH:mm`).</summary>
    public static string Clock(DateTimeOffset local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
