using Delivery.Worker.Recipients;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Tests.Recipients;

/// <summary>`sendAt` and `sendAtLocal`: held until their instant, which for a local time is the person's own; decided anew when due.</summary>
public sealed class ScheduledSendTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly NotificationCategory Orders = new("order-updates", "Order updates", [Channels.Email], Critical: false);

    [Fact]
    public void An_instant_still_ahead_schedules_the_delivery_for_it()
    {
        var at = Noon.AddHours(3);

        var scheduled = Assert.IsType<DeliveryDecision.Schedule>(Decide(new SendTime(at, null), "Europe/Berlin", Noon));

        Assert.Equal(at, scheduled.At);
        Assert.Contains(at.ToString("O"), scheduled.Reason);
    }

    [Fact]
    public void A_local_time_is_each_persons_own_nine_oclock()
    {
        var nine = new SendTime(null, new DateTime(2026, 1, 16, 9, 0, 0));

        var seoul = Assert.IsType<DeliveryDecision.Schedule>(Decide(nine, "Asia/Seoul", Noon));
        var berlin = Assert.IsType<DeliveryDecision.Schedule>(Decide(nine, "Europe/Berlin", Noon));

        Assert.Equal(new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero), seoul.At); // UTC+9
        Assert.Equal(new DateTimeOffset(2026, 1, 16, 8, 0, 0, TimeSpan.Zero), berlin.At); // UTC+1
        Assert.Contains("Asia/Seoul", seoul.Reason);
    }

    [Fact]
    public void A_person_without_a_time_zone_gets_the_local_time_in_utc()
    {
        var scheduled = Assert.IsType<DeliveryDecision.Schedule>(Decide(new SendTime(null, new DateTime(2026, 1, 15, 18, 30, 0)), null, Noon));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 18, 30, 0, TimeSpan.Zero), scheduled.At);
    }

    [Fact]
    public void Once_due_the_delivery_is_decided_like_any_other()
    {
        Assert.Equal(new DeliveryDecision.Send("alice@example.com", Orders), Decide(new SendTime(Noon, null), "Europe/Berlin", Noon));
        Assert.Equal(new DeliveryDecision.Send("alice@example.com", Orders),
            Decide(new SendTime(null, new DateTime(2026, 1, 15, 13, 0, 0)), "Europe/Berlin", Noon)); // 13:00 in Berlin is noon UTC
    }

    [Fact]
    public void A_local_time_the_clocks_skip_goes_out_at_the_end_of_the_gap()
    {
        // Berlin, 29 March 2026: 02:00 becomes 03:00, so 02:30 never happens; 03:00 CEST is 01:00 UTC.
        var skipped = new SendTime(null, new DateTime(2026, 3, 29, 2, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), skipped.InstantFor(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }

    [Fact]
    public void A_local_time_that_happens_twice_goes_out_the_first_time()
    {
        // Berlin, 25 October 2026: 03:00 becomes 02:00 again; the first 02:30 is CEST (UTC+2), 00:30 UTC.
        var twice = new SendTime(null, new DateTime(2026, 10, 25, 2, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), twice.InstantFor(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
    }

    [Fact]
    public void No_zone_has_a_local_time_later_than_its_latest_instant()
    {
        var nine = new SendTime(null, new DateTime(2026, 6, 1, 9, 0, 0));

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 21, 0, 0, TimeSpan.Zero), nine.LatestInstant);
        Assert.All(TimeZoneInfo.GetSystemTimeZones(), zone => Assert.True(nine.InstantFor(zone) <= nine.LatestInstant, zone.Id));
    }

    private static DeliveryDecision Decide(SendTime sendTime, string? timeZone, DateTimeOffset now)
    {
        var record = new DeliveryDispatched(Guid.NewGuid(), "key", "alice", null, Channels.Email, "Hi", "Text", null, 1, null, [])
        {
            Category = Orders.Key,
            SendTime = sendTime,
        };
        var profile = new DeliveryProfile(new RecipientContact("alice", "alice@example.com", null, "de-AT", timeZone, null), Orders, [], null);
        return DeliveryDecision.For(record, profile, now);
    }
}
