using Delivery.Worker.Recipients;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Tests.Recipients;

/// <summary>Quiet hours on the person's own wall clock: across midnight, and across both daylight-saving changes.</summary>
public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly QuietHoursWindow Night = new(new TimeOnly(22, 0), new TimeOnly(7, 0));

    [Fact]
    public void Late_evening_is_held_until_seven_the_next_morning()
    {
        // 23:30 in Berlin in winter (UTC+1).
        var end = QuietHours.EndOf(Night, Berlin, At("2026-01-14T22:30:00Z"));

        Assert.Equal(At("2026-01-15T06:00:00Z"), end);
    }

    [Fact]
    public void Early_morning_is_held_until_seven_the_same_morning()
    {
        var end = QuietHours.EndOf(Night, Berlin, At("2026-07-15T03:00:00Z")); // 05:00 in summer (UTC+2)

        Assert.Equal(At("2026-07-15T05:00:00Z"), end);
    }

    [Theory]
    [InlineData("2026-01-14T20:59:59Z")] // 21:59:59, just before
    [InlineData("2026-01-15T06:00:00Z")] // 07:00, the window's end is outside it
    [InlineData("2026-01-15T11:00:00Z")] // noon
    public void Outside_the_window_nothing_is_held(string instant) =>
        Assert.Null(QuietHours.EndOf(Night, Berlin, At(instant)));

    [Fact]
    public void The_window_starts_at_its_first_minute()
    {
        Assert.Equal(At("2026-01-15T06:00:00Z"), QuietHours.EndOf(Night, Berlin, At("2026-01-14T21:00:00Z")));
    }

    [Fact]
    public void A_night_across_the_spring_change_ends_at_seven_summer_time()
    {
        // 29 March 2026: clocks go from 02:00 to 03:00 in Berlin. 23:00 CET the evening before -> 07:00 CEST = 05:00Z.
        var end = QuietHours.EndOf(Night, Berlin, At("2026-03-28T22:00:00Z"));

        Assert.Equal(At("2026-03-29T05:00:00Z"), end);
    }

    [Fact]
    public void A_night_across_the_autumn_change_ends_at_seven_winter_time()
    {
        // 25 October 2026: clocks go from 03:00 back to 02:00. 23:00 CEST the evening before -> 07:00 CET = 06:00Z.
        var end = QuietHours.EndOf(Night, Berlin, At("2026-10-24T21:00:00Z"));

        Assert.Equal(At("2026-10-25T06:00:00Z"), end);
    }

    [Fact]
    public void A_window_ending_in_the_skipped_hour_ends_when_the_clock_jumps()
    {
        var window = new QuietHoursWindow(new TimeOnly(1, 0), new TimeOnly(2, 30)); // 02:30 never happens on 29 March
        var end = QuietHours.EndOf(window, Berlin, At("2026-03-29T00:30:00Z")); // 01:30 CET

        Assert.Equal(At("2026-03-29T01:00:00Z"), end); // 03:00 CEST
    }

    [Fact]
    public void A_window_ending_in_the_repeated_hour_ends_the_first_time()
    {
        var window = new QuietHoursWindow(new TimeOnly(1, 0), new TimeOnly(2, 30)); // 02:30 happens twice on 25 October
        var end = QuietHours.EndOf(window, Berlin, At("2026-10-24T23:30:00Z")); // 01:30 CEST

        Assert.Equal(At("2026-10-25T00:30:00Z"), end); // 02:30 CEST
    }

    [Fact]
    public void An_empty_window_holds_nothing() =>
        Assert.Null(QuietHours.EndOf(new QuietHoursWindow(new TimeOnly(9, 0), new TimeOnly(9, 0)), Berlin, At("2026-01-15T08:00:00Z")));

    [Fact]
    public void A_profile_without_a_known_zone_is_judged_in_utc()
    {
        Assert.Equal(TimeZoneInfo.Utc, QuietHours.ZoneOf(null));
        Assert.Equal(TimeZoneInfo.Utc, QuietHours.ZoneOf("Not/AZone"));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}
