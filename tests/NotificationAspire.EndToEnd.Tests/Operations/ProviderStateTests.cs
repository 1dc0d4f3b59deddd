using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;
using NotificationAspire.EndToEnd.Tests.Console;

namespace NotificationAspire.EndToEnd.Tests.Operations;

/// <summary>
/// A provider that keeps failing opens its breaker on the replica that sends through it, and operators see that where
/// they look: `GET /api/providers` and the console's Providers page show it Open with the provider's error, and Closed
/// again once the provider is back and a probe got through. The platform's SMS breaker opens after
/// <see cref="PlatformFixture.SmsBreakerFailureThreshold"/> failures for <see cref="PlatformFixture.SmsBreakDuration"/>.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProviderStateTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly People _people = new(platform);
    private readonly SmsCarrier _carrier = new(platform);
    private readonly PlatformApi _api = new(platform);
    private string? _operatorToken;

    /// <summary>One replica's breaker for one provider, as the API lists it.</summary>
    private sealed record ReplicaBreaker(string Replica, string State, DateTimeOffset? OpenUntil, string? LastError, bool Stale);

    [Fact]
    public async Task A_failing_provider_is_shown_open_with_its_error_and_closed_again_once_it_recovers()
    {
        // One person's texts share a dispatch partition, so one replica sends them all and counts every failure. Each goes to a
        // number of its own (inline): a text that fails over takes a token of the person's rate limit at each provider, and
        // the limit is per number.
        var (userId, _) = People.New("breaker");
        await _people.CreateAsync(userId, new { phone = SmsCarrier.NewNumber() });
        ReplicaBreaker opened;
        await _carrier.FailAsync("twilio", 503);
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "support", "/console/providers.html");
        var page = browser.Page;
        try
        {
            for (var i = 0; i < PlatformFixture.SmsBreakerFailureThreshold; i++)
            {
                // Twilio fails and Vonage takes the text in the same attempt: the person notices nothing.
                await _people.WaitForStatusAsync(await _people.SendAsync(Text(userId, i)), "Delivered");
            }

            opened = (await Eventually.MatchAsync(TwilioBreakersAsync, breakers => breakers.Any(b => b.State == "Open"), Deadline,
                "a replica to report twilio's breaker Open")).First(b => b.State == "Open");
            Assert.Contains("503", opened.LastError);
            Assert.NotNull(opened.OpenUntil);
            Assert.False(opened.Stale);

            // Support (read-only) sees the same on the console: the providers in failover order, the open breaker with its error.
            var row = page.Locator($"section[data-channel='sms'] li[data-provider='twilio'] tr[data-replica='{opened.Replica}']");
            await Eventually.MatchAsync(async () =>
            {
                await page.Locator("#refresh").ClickAsync();
                await page.Locator("#channels[aria-busy='false']").WaitForAsync();
                return await row.CountAsync() == 0 ? null : await row.GetAttributeAsync("data-state");
            }, state => state == "Open", Deadline, "the console to show twilio's breaker Open");
            await Assertions.Expect(row.Locator(".last-error")).ToContainTextAsync("503");
            Assert.Equal(["twilio", "vonage"], await page.Locator("section[data-channel='sms'] li.provider").EvaluateAllAsync<string[]>(
                "items => items.map(i => i.dataset.provider)"));
            await browser.ScreenshotAsync("providers");
        }
        finally
        {
            await _carrier.FailAsync("twilio", null);
        }

        // Once the break is over, the replica's next text is the probe: Twilio answers, and the breaker closes.
        await Eventually.MatchAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now > opened.OpenUntil, Deadline, "the break to be over");
        var probe = await _people.WaitForStatusAsync(await _people.SendAsync(Text(userId, 99)), "Delivered");
        Assert.Equal("twilio", People.OnlyAttempt(probe).GetProperty("provider").GetString());
        await Eventually.MatchAsync(TwilioBreakersAsync, breakers => breakers.Single(b => b.Replica == opened.Replica).State == "Closed", Deadline,
            $"{opened.Replica} to report twilio's breaker Closed");
        var closedRow = page.Locator($"section[data-channel='sms'] li[data-provider='twilio'] tr[data-replica='{opened.Replica}']");
        await page.Locator("#refresh").ClickAsync();
        await Assertions.Expect(closedRow).ToHaveAttributeAsync("data-state", "Closed");
    }

    [Fact]
    public async Task Every_worker_replica_reports_every_provider_and_none_is_stale()
    {
        var channels = await Eventually.MatchAsync(async () => (await BoardAsync()).GetProperty("channels"),
            c => c.EnumerateArray().Any(ch => ch.GetProperty("channel").GetString() == "sms"), Deadline, "the workers' first reports");

        var names = channels.EnumerateArray().Select(c => c.GetProperty("channel").GetString()).ToList();
        Assert.Contains("email", names);
        Assert.Contains("in-app", names);
        var replicas = channels.EnumerateArray().SelectMany(c => c.GetProperty("providers").EnumerateArray())
            .SelectMany(p => p.GetProperty("replicas").EnumerateArray()).ToList();
        Assert.All(replicas, r => Assert.False(r.GetProperty("stale").GetBoolean(), $"{r} is stale"));
        // Both replicas of the worker (the AppHost's default) report, under names of their own.
        Assert.Equal(2, replicas.Select(r => r.GetProperty("replica").GetString()).Distinct().Count());
    }

    private async Task<IReadOnlyList<ReplicaBreaker>> TwilioBreakersAsync()
    {
        var sms = (await BoardAsync()).GetProperty("channels").EnumerateArray().FirstOrDefault(c => c.GetProperty("channel").GetString() == "sms");
        if (sms.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        var twilio = sms.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "twilio");
        return [.. twilio.GetProperty("replicas").EnumerateArray().Select(r => new ReplicaBreaker(
            r.GetProperty("replica").GetString()!,
            r.GetProperty("state").GetString()!,
            r.GetProperty("openUntil").ValueKind == JsonValueKind.Null ? null : r.GetProperty("openUntil").GetDateTimeOffset(),
            r.GetProperty("lastError").GetString(),
            r.GetProperty("stale").GetBoolean()))];
    }

    private async Task<JsonElement> BoardAsync()
    {
        _operatorToken ??= await platform.GetUserTokenAsync("operator");
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/providers", _operatorToken);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/providers: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static object Text(string userId, int n) => new
    {
        channel = "sms",
        category = "order-updates",
        recipients = new[] { new { userId, contact = SmsCarrier.NewNumber() } },
        subject = "Parcel",
        body = $"Parcel {n} for {userId} is on its way.",
    };
}
