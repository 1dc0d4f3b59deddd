using Npgsql;
using NotificationAspire.Contracts;
using NotificationAspire.EndToEnd.Tests.Recipients;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// A hold longer than the longest retry tier is kept in the worker's database and released from there when due.
/// Here because this collection's tiers are seconds long (1, 2, 4 s), so a quiet-hours window of under a minute takes
/// that path; on default settings only holds of over two minutes do.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class HeldDeliveryReleaseTests(FaultInjectionFixture platform)
{
    private const string Zone = "America/St_Johns"; // half an hour off UTC: a window judged in the wrong zone would not cover now

    [Fact]
    public async Task A_delivery_held_in_the_database_goes_out_when_the_quiet_hours_end_and_the_hold_is_forgotten()
    {
        var people = new People(platform);
        var mail = new MailSink(platform);
        var (userId, email) = People.New("heldrow");
        var local = QuietWindow.LocalNow(Zone);
        // The first minute boundary at least 10 s away, so the wait is longer than every tier (at most 70 s).
        var end = QuietWindow.EndingSoon(local, TimeSpan.FromSeconds(10));
        await people.CreateAsync(userId, new { email, timeZone = Zone });
        await people.SetPreferencesAsync(userId, new { quietHours = new { start = QuietWindow.Clock(local.AddMinutes(-30)), end = QuietWindow.Clock(end) } });

        var id = await people.SendAsync(People.AdHoc("order-updates", $"Held {userId}", userId));

        await people.WaitForStatusAsync(id, "Waiting");
        var deliveryKey = DeliveryKeys.For(id, userId, "email");
        Assert.Equal(1, await HeldRowsAsync(deliveryKey));
        Assert.Empty(await mail.MessagesToAsync(email));

        await people.WaitForStatusAsync(id, "Delivered", deadline: end - DateTimeOffset.UtcNow + People.Deadline);
        var message = Assert.Single(await mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.True(message.ReceivedDate >= end.AddSeconds(-1), $"Received at {message.ReceivedDate:O}, before the quiet hours ended at {end:O}.");
        // Forgotten right after it is published, so by now or within moments.
        await Eventually.MatchAsync(() => HeldRowsAsync(deliveryKey), rows => rows == 0, TimeSpan.FromSeconds(10), "the hold forgotten");
    }

    /// <summary>Reads (never writes) the worker's own table: the only place that tells this path from a retry tier.</summary>
    private async Task<long> HeldRowsAsync(string deliveryKey)
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.DeliveryDatabase));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM held_deliveries WHERE "DeliveryKey" = @key""", connection);
        count.Parameters.AddWithValue("key", deliveryKey);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
