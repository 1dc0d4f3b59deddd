using System.Text.Json;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// What happens to deliveries while preferences-api is stopped, as an operator would stop it from the dashboard:
/// people the worker asked about recently are served from its cache (and the attempt says so), an opt-out in
/// that cache still holds, and people it never asked about wait, then go out once the service is back.
/// </summary>
[Collection(MailOutageCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class PreferencesOutageTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Known_people_are_served_from_the_cache_and_the_others_wait_until_preferences_api_is_back()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var people = new People(platform);
        var mail = new MailSink(platform);
        var (known, knownEmail) = People.New("cached");
        var (optedOut, optedOutEmail) = People.New("cachedout");
        var (stranger, strangerEmail) = People.New("uncached");
        foreach (var (userId, email) in new[] { (known, knownEmail), (optedOut, optedOutEmail), (stranger, strangerEmail) })
        {
            await people.CreateAsync(userId, new { email });
        }
        await people.SetPreferencesAsync(optedOut, new { categories = new Dictionary<string, object> { ["order-updates"] = new { email = false } } });

        // The worker asks about the first two once while the service is up.
        await people.WaitForStatusAsync(await people.SendAsync(People.AdHoc("order-updates", $"Before {known}", known)), "Delivered");
        await people.WaitForStatusAsync(await people.SendAsync(People.AdHoc("order-updates", $"Before {optedOut}", optedOut)), "Skipped");

        await faults.StopAsync(ResourceNames.PreferencesApi);
        Guid waitingId;
        try
        {
            var cachedId = await people.SendAsync(People.AdHoc("order-updates", $"During {known}", known));
            var cachedOptOutId = await people.SendAsync(People.AdHoc("order-updates", $"During {optedOut}", optedOut));
            waitingId = await people.SendAsync(People.AdHoc("order-updates", $"During {stranger}", stranger));

            var cached = People.LastAttempt(await people.WaitForStatusAsync(cachedId, "Delivered"));
            Assert.Equal(JsonValueKind.String, cached.GetProperty("preferencesCachedAt").ValueKind);
            var skipped = People.LastAttempt(await people.WaitForStatusAsync(cachedOptOutId, "Skipped"));
            Assert.Contains("opted out of 'order-updates'", skipped.GetProperty("error").GetString());

            var waiting = People.LastAttempt(await people.WaitForStatusAsync(waitingId, "Waiting"));
            Assert.Contains("preferences", waiting.GetProperty("error").GetString());
            Assert.Empty(await mail.MessagesToAsync(strangerEmail));
        }
        finally
        {
            await faults.StartAsync(ResourceNames.PreferencesApi);
        }

        var delivered = People.LastAttempt(await people.WaitForStatusAsync(waitingId, "Delivered", Recovery));
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("preferencesCachedAt").ValueKind);
        Assert.Single(await mail.WaitForMessagesToAsync(strangerEmail, 1, People.Deadline));
        Assert.Equal(2, (await mail.WaitForMessagesToAsync(knownEmail, 2, People.Deadline)).Count);
        Assert.Empty(await mail.MessagesToAsync(optedOutEmail));
    }
}
