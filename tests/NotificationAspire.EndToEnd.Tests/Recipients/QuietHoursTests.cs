using System.Net.Http.Json;

namespace NotificationAspire.EndToEnd.Tests.Recipients;

/// <summary>Quiet hours on the person's own clock hold a delivery until they end; a cancellation still stops it meanwhile.</summary>
[Collection(PlatformCollection.Name)]
public sealed class QuietHoursTests(PlatformFixture platform)
{
    // Far from UTC and not a whole hour off it, so a window computed in the wrong zone would not cover now.
    private const string Zone = "Asia/Kathmandu";

    private readonly People _people = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task Quiet_hours_covering_now_hold_the_delivery_and_their_end_releases_it()
    {
        var (userId, email) = People.New("quiet");
        var local = QuietWindow.LocalNow(Zone);
        // End at the first minute boundary at least 5 s away (at most 65 s).
        var end = QuietWindow.EndingSoon(local, TimeSpan.FromSeconds(5));
        await _people.CreateAsync(userId, new { email, timeZone = Zone });
        await _people.SetPreferencesAsync(userId, new { quietHours = new { start = QuietWindow.Clock(local.AddMinutes(-30)), end = QuietWindow.Clock(end) } });

        var id = await _people.SendAsync(People.AdHoc("order-updates", $"Quiet {userId}", userId));

        var waiting = await _people.WaitForStatusAsync(id, "Waiting");
        var reason = People.LastAttempt(waiting).GetProperty("error").GetString();
        Assert.Contains("Quiet hours", reason);
        Assert.Contains(Zone, reason);
        Assert.Empty(await _mail.MessagesToAsync(email));

        await _people.WaitForStatusAsync(id, "Delivered", deadline: end - DateTimeOffset.UtcNow + People.Deadline);
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.True(message.ReceivedDate >= end.AddSeconds(-1), $"Received at {message.ReceivedDate:O}, before the quiet hours ended at {end:O}.");
    }

    [Fact]
    public async Task A_delivery_held_for_the_night_is_stopped_by_a_cancellation_by_correlation_key()
    {
        var (userId, email) = People.New("night");
        var local = QuietWindow.LocalNow(Zone);
        await _people.CreateAsync(userId, new { email, timeZone = Zone });
        // Hours of quiet from a minute ago: long enough that the hold is kept in the worker's database, not on a retry tier.
        await _people.SetPreferencesAsync(userId, new { quietHours = new { start = QuietWindow.Clock(local.AddMinutes(-1)), end = QuietWindow.Clock(local.AddHours(6)) } });
        var correlationKey = $"order-{Guid.NewGuid():N}";

        var id = await _people.SendAsync(new
        {
            category = "order-updates",
            recipients = new[] { new { userId } },
            subject = $"Night {userId}",
            body = "Your order is on its way.",
            correlationKey,
        });
        var waiting = await _people.WaitForStatusAsync(id, "Waiting");
        Assert.Contains("Quiet hours", People.LastAttempt(waiting).GetProperty("error").GetString());

        using var cancel = await new PlatformApi(platform).SendAsync(HttpMethod.Post, "/api/notifications/cancellations",
            await _people.WriterTokenAsync(), JsonContent.Create(new { correlationKey }));
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());

        await _people.WaitForStatusAsync(id, "Cancelled");
        Assert.Empty(await _mail.MessagesToAsync(email));
    }
}
