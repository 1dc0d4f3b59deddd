namespace NotificationAspire.Contracts.Events;

/// <summary>
/// When a sender wants a notification delivered: one instant for everyone (<see cref="At"/>), or a wall-clock time
/// (<see cref="Local"/>, no offset) that each recipient gets in their own time zone, so "09:00" reaches Seoul and
/// Berlin at their own nine o'clock. Exactly one of the two is set.
/// </summary>
public sealed record SendTime(DateTimeOffset? At, DateTime? Local)
{
    /// <summary>The instant for a person in <paramref name="zone"/>, to the millisecond (what the database keeps).</summary>
    /// <remarks>
    /// A local time a daylight-saving change skips (02:30 on the night clocks go forward) does not exist: it is sent
    /// at the end of the gap. One that occurs twice (the night clocks go back) is sent at its first occurrence.
    /// </remarks>
    public DateTimeOffset InstantFor(TimeZoneInfo zone)
    {
        var instant = At ?? LocalInstant(DateTime.SpecifyKind(Local!.Value, DateTimeKind.Unspecified), zone);
        return DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
    }

    /// <summary>The last instant it can mean anywhere: a local time comes last to UTC-12, twelve hours after UTC.</summary>
    public DateTimeOffset LatestInstant => At ?? new DateTimeOffset(DateTime.SpecifyKind(Local!.Value, DateTimeKind.Unspecified), TimeSpan.Zero).AddHours(12);

    private static DateTimeOffset LocalInstant(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1); // gaps are whole minutes (30 or 60 in practice)
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
