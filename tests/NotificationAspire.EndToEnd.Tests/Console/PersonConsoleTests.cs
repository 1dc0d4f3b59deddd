using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NotificationAspire.Contracts;
using NotificationAspire.EndToEnd.Tests.FaultInjection;
using NotificationAspire.EndToEnd.Tests.Inbox;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.Console;

/// <summary>
/// A person in the web console, in a real browser: signs in, sees a notification arrive in the inbox without reloading,
/// marks it read, changes a preference that the next send follows, and signs out.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PersonConsoleTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly Inboxes _inboxes = new(platform);
    private readonly People _people = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task Alice_sees_a_sent_notification_arrive_live_marks_it_read_and_her_unread_count_drops()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "alice");
        var page = browser.Page;
        var count = page.Locator("#unread-count");
        await Assertions.Expect(page.Locator("#live-state")).ToHaveTextAsync("Live");
        var before = int.Parse(await count.TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        // Sent by a service while the page is open: it must appear without a reload.
        var title = $"Your parcel {Guid.NewGuid():N}";
        var id = await _inboxes.SendInAppAsync("alice", title);
        var item = page.Locator($"li.item[data-id='{id}']");
        await Assertions.Expect(item).ToContainTextAsync(title, new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Assertions.Expect(count).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Shown in the viewer's time zone, not the server's.
        var time = item.Locator("time");
        var delivered = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTime(delivered, TimeZoneInfo.FindSystemTimeZoneById(ConsoleBrowser.ViewerTimeZone));
        Assert.Contains(local.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), await time.TextContentAsync(), StringComparison.Ordinal);
        await browser.ScreenshotAsync("inbox");

        // With the keyboard alone: focus the button and press Enter.
        await item.Locator("button.mark-read").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(count).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($"li.item[data-id='{id}'] button.mark-read")).ToHaveCountAsync(0);
        var stored = await _inboxes.GetAsync(await _inboxes.TokenOfAsync("alice"), $"/api/inbox/items/{id}");
        Assert.Equal(JsonValueKind.String, stored.GetProperty("readAt").ValueKind);
    }

    [Fact]
    public async Task A_preference_changed_on_the_page_is_followed_by_the_next_send()
    {
        var aliceToken = await _inboxes.TokenOfAsync("alice");
        var original = await _inboxes.GetAsync(aliceToken, "/api/me/preferences");
        try
        {
            await using var browser = await ConsoleBrowser.SignInAsync(platform, "alice", "/console/preferences.html");
            var page = browser.Page;
            var box = page.Locator("#pref-billing-in-app");
            await box.SetCheckedAsync(false);
            await page.Locator("#save").ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Saved");
            await browser.ScreenshotAsync("preferences");

            var id = await _people.SendAsync(new
            {
                channel = "in-app", category = "billing", recipients = new[] { new { userId = "alice" } },
                subject = "Your invoice", body = "It is ready.",
            });
            var view = await _people.WaitForStatusAsync(id, "Skipped");
            Assert.Contains("opted out of 'billing' on in-app", People.OnlyAttempt(view).GetProperty("error").GetString(), StringComparison.Ordinal);

            // Back on: the page reads what was stored, and the next send reaches her inbox.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#pref-billing-in-app")).Not.ToBeCheckedAsync();
            await page.Locator("#pref-billing-in-app").SetCheckedAsync(true);
            await page.Locator("#save").ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Saved");
            var again = await _inboxes.SendInAppAsync("alice", $"Invoice {Guid.NewGuid():N}", category: "billing");
            await _inboxes.WaitForItemAsync(aliceToken, again);
        }
        finally
        {
            var api = new PlatformApi(platform);
            using var restore = await api.SendAsync(HttpMethod.Put, "/api/me/preferences", aliceToken, JsonContent.Create(original));
            Assert.True(restore.IsSuccessStatusCode, await restore.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Alice_chooses_her_language_and_time_zone_and_a_zone_that_does_not_exist_is_refused_at_its_field()
    {
        var aliceToken = await _inboxes.TokenOfAsync("alice");
        var api = new PlatformApi(platform);
        var original = await _inboxes.GetAsync(aliceToken, "/api/me/profile");
        try
        {
            await using var browser = await ConsoleBrowser.SignInAsync(platform, "alice", "/console/preferences.html");
            var page = browser.Page;
            await page.Locator("#profile-zone").SelectOptionAsync("Asia/Seoul");
            await page.Locator("#profile-locale").SelectOptionAsync("ko");
            await page.Locator("#save-profile").ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Saved your language and time zone");

            var stored = await _inboxes.GetAsync(aliceToken, "/api/me/profile");
            Assert.Equal(("ko", "Asia/Seoul"), (stored.GetProperty("locale").GetString(), stored.GetProperty("timeZone").GetString()));
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#profile-zone")).ToHaveValueAsync("Asia/Seoul");
            await Assertions.Expect(page.Locator("#profile-locale")).ToHaveValueAsync("ko");

            // Not through the page (it offers only zones the browser knows): the API names the field and keeps what was stored.
            using var refused = await api.SendAsync(HttpMethod.Put, "/api/me/profile", aliceToken, JsonContent.Create(new { locale = "ko", timeZone = "Mars/Olympus_Mons" }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _), problem.ToString());
            Assert.Equal("Asia/Seoul", (await _inboxes.GetAsync(aliceToken, "/api/me/profile")).GetProperty("timeZone").GetString());
        }
        finally
        {
            var restore = new { locale = original.GetProperty("locale").GetString(), timeZone = original.GetProperty("timeZone").GetString() };
            using var restored = await api.SendAsync(HttpMethod.Put, "/api/me/profile", aliceToken, JsonContent.Create(restore));
            Assert.True(restored.IsSuccessStatusCode, await restored.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_the_console_asks_to_sign_in_again()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "bob");
        var page = browser.Page;

        await page.Locator("#sign-out").ClickAsync();

        await page.WaitForURLAsync(browser.Url("/").ToString());
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("You are not signed in.");
        var user = await page.APIRequest.GetAsync(browser.Url("/bff/user").ToString());
        Assert.Equal((int)HttpStatusCode.Unauthorized, user.Status);
        // The identity provider's session ended too: the console sends the browser to a login page that asks again.
        await page.GotoAsync(browser.Url("/console/").ToString());
        await Assertions.Expect(page.Locator("#password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_unsubscribe_link_asks_first_confirms_and_can_be_undone_in_the_browser()
    {
        var (userId, email) = People.New("unsub");
        await _people.CreateAsync(userId, new { email });
        var first = await _people.SendAsync(People.AdHoc("billing", $"Invoice {userId}", userId));
        await _people.WaitForStatusAsync(first, "Delivered");
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        var link = (await _mail.HeaderAsync(message.Id, "List-Unsubscribe"))!.Trim().TrimStart('<').TrimEnd('>');

        // The person follows the link: no sign-in, and opening it changes nothing until they confirm.
        await using var browser = await ConsoleBrowser.StartAsync(platform, ConsoleBrowser.Phone);
        var page = browser.Page;
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Unsubscribe?");
        Assert.Empty(await AccessibilityCheck.SeriousViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(page.Locator("#outcome")).ToContainTextAsync("no longer receive");
        Assert.Empty(await AccessibilityCheck.SeriousViolationsAsync(page));
        await browser.ScreenshotAsync("unsubscribed");
        var skipped = await _people.SendAsync(People.AdHoc("billing", $"After unsubscribe {userId}", userId));
        await _people.WaitForStatusAsync(skipped, "Skipped");

        await page.Locator("#undo").ClickAsync();

        await Assertions.Expect(page.Locator("#outcome")).ToContainTextAsync("again");
        var again = await _people.SendAsync(People.AdHoc("billing", $"After undo {userId}", userId));
        await _people.WaitForStatusAsync(again, "Delivered");
    }

    [Fact]
    public async Task When_the_inbox_service_is_down_the_page_says_so_instead_of_going_blank()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "alice");
        var page = browser.Page;
        await using var faults = new FaultInjector(platform, output.WriteLine);

        // Really stopped, through the AppHost as an operator would; started again (and healthy) before the next test.
        await faults.StopAsync(ResourceNames.InboxApi);
        try
        {
            await page.ReloadAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not available right now");
            await Assertions.Expect(page.Locator("#items")).ToHaveAttributeAsync("aria-busy", "false");
            await Assertions.Expect(page.Locator("#sign-out")).ToBeVisibleAsync(); // the page around it still works
        }
        finally
        {
            await faults.StartAsync(ResourceNames.InboxApi);
        }

        // Back, the same page works again: the other console tests of this platform rely on the service as it was.
        await Eventually.MatchAsync(async () =>
        {
            await page.ReloadAsync();
            await page.Locator("#items[aria-busy='false']").WaitForAsync();
            return await page.Locator("#status.error").CountAsync();
        }, errors => errors == 0, Deadline, "the inbox page to load without an error once inbox-api is back");
    }
}
