using System.Globalization;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>
/// `sendAtLocal` reaches each person at that wall-clock time in their own zone, `sendAt` at one instant for all;
/// a scheduled delivery shows Scheduled until then, is never early, and a cancellation before its time means
/// nothing goes out.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ScheduledSendTests(PlatformFixture platform, ITestOutputHelper output)
{
    /// <summary>The releaser looks every second; the rest is a busy machine's margin.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(5);

    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private readonly People _people = new(platform);
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task A_local_time_reaches_each_person_at_that_time_in_their_zone_and_a_cancellation_stops_the_one_still_due()
    {
        var (seoulUser, seoulEmail) = People.New("seoul");
        var (newYorkUser, newYorkEmail) = People.New("newyork");
        await _people.CreateAsync(seoulUser, new { email = seoulEmail, timeZone = Seoul.Id });
        await _people.CreateAsync(newYorkUser, new { email = newYorkEmail, timeZone = NewYork.Id });
        var dueInSeoul = WholeSecondsFromNow(10);
        var local = TimeZoneInfo.ConvertTime(dueInSeoul, Seoul).DateTime;

        var id = await _people.SendAsync(new
        {
            channel = "email",
            category = "order-updates",
            recipients = new[] { new { userId = seoulUser }, new { userId = newYorkUser } },
            subject = $"Good morning {seoulUser}",
            body = "Your day.",
            sendAtLocal = local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        });

        // New York's same wall-clock time comes 14 hours later: the notification stays Scheduled for it.
        var scheduled = await _people.WaitForStatusAsync(id, "Scheduled");
        var newYork = Assert.Single(AttemptsOf(scheduled, newYorkUser));
        Assert.Equal("Scheduled", newYork.GetProperty("state").GetString());
        Assert.Contains(NewYork.Id, newYork.GetProperty("error").GetString());
        Assert.Contains(dueInSeoul.AddHours(14).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), newYork.GetProperty("error").GetString());

        var delivered = await _people.WaitForAsync(id, v => AttemptsOf(v, seoulUser).Any(a => a.GetProperty("state").GetString() == "Delivered"), "delivered in Seoul");
        var at = AttemptsOf(delivered, seoulUser).Single(a => a.GetProperty("state").GetString() == "Delivered").GetProperty("occurredAt").GetDateTimeOffset();
        output.WriteLine($"due {dueInSeoul:O}, delivered {at:O}: {(at - dueInSeoul).TotalMilliseconds:0} ms after");
        Assert.InRange(at - dueInSeoul, TimeSpan.Zero, Lateness);
        Assert.Single(await _mail.WaitForMessagesToAsync(seoulEmail, 1, People.Deadline));

        using var cancel = await _api.SendAsync(HttpMethod.Post, $"/api/notifications/{id}/cancel", await platform.GetTokenAsync(ServiceAccounts.OrderService));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var after = await _people.WaitForAsync(id, v => AttemptsOf(v, newYorkUser).Any(a => a.GetProperty("state").GetString() == "Cancelled"), "New York's delivery cancelled");
        Assert.Equal("PartiallyDelivered", after.GetProperty("status").GetString());
        Assert.Empty(await _mail.MessagesToAsync(newYorkEmail));
    }

    [Fact]
    public async Task A_send_cancelled_before_its_time_never_goes_out()
    {
        var (userId, email) = People.New("cancelled");
        await _people.CreateAsync(userId, new { email });
        var due = WholeSecondsFromNow(8);
        var cancelled = await _people.SendAsync(At(due, userId, "Cancelled"));
        // A second send one second later, not cancelled: once it has arrived, the first would have too.
        var control = await _people.SendAsync(At(due.AddSeconds(1), userId, "Control"));

        using var cancel = await _api.SendAsync(HttpMethod.Post, $"/api/notifications/{cancelled}/cancel", await platform.GetTokenAsync(ServiceAccounts.OrderService));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        await _people.WaitForStatusAsync(control, "Delivered");
        var arrived = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.Equal($"Control {userId}", arrived.Subject);
        Assert.Equal("Cancelled", (await _people.WaitForStatusAsync(cancelled, "Cancelled")).GetProperty("status").GetString());
        using var again = await _api.SendAsync(HttpMethod.Post, $"/api/notifications/{cancelled}/cancel", await platform.GetTokenAsync(ServiceAccounts.OrderService));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Another_senders_notification_cannot_be_cancelled_and_a_time_without_an_offset_names_the_field()
    {
        var (userId, email) = People.New("notyours");
        await _people.CreateAsync(userId, new { email });
        var id = await _people.SendAsync(At(WholeSecondsFromNow(3600), userId, "Not yours"));

        using var other = await _api.SendAsync(HttpMethod.Post, $"/api/notifications/{id}/cancel", await platform.GetTokenAsync(ServiceAccounts.BillingService));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var own = await _api.SendAsync(HttpMethod.Post, $"/api/notifications/{id}/cancel", await platform.GetTokenAsync(ServiceAccounts.OrderService));
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);

        using var bad = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.OrderService), new
        {
            channel = "email",
            recipients = new[] { new { userId } },
            subject = "s",
            body = "b",
            sendAt = "2026-12-24T18:00:00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("offset", errors.GetProperty("sendAt")[0].GetString());
    }

    private static object At(DateTimeOffset at, string userId, string subject) => new
    {
        channel = "email",
        category = "order-updates",
        recipients = new[] { new { userId } },
        subject = $"{subject} {userId}",
        body = "Scheduled.",
        sendAt = at.ToString("O", CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset WholeSecondsFromNow(int seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + seconds);

    private static IEnumerable<JsonElement> AttemptsOf(JsonElement view, string userId) =>
        view.GetProperty("attempts").EnumerateArray().Where(a => a.GetProperty("recipient").GetString() == userId);
}
