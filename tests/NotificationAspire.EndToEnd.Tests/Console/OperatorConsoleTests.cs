using Microsoft.Playwright;

namespace NotificationAspire.EndToEnd.Tests.Console;

/// <summary>
/// An operator in the web console, in a real browser: finds a failed notification and its reason, replays its dead letter
/// once the cause is fixed and watches it turn Delivered; edits a template and sees a syntax error at its line. Every
/// page passes axe-core and fits a phone's width.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OperatorConsoleTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly People _people = new(platform);

    [Fact]
    public async Task The_operator_finds_a_failed_notification_reads_its_reason_replays_it_and_sees_it_delivered()
    {
        // A send to a person the platform does not know yet fails for good: no address to deliver to.
        var (userId, email) = People.New("console");
        var id = await _people.SendAsync(People.AdHoc("order-updates", $"Order update for {userId}", userId));
        await _people.WaitForStatusAsync(id, "Failed");

        await using var browser = await ConsoleBrowser.SignInAsync(platform, "operator", "/console/notifications.html");
        var page = browser.Page;
        // Found by what the person who reports it knows: who it was for.
        await page.Locator("#s-recipient").FillAsync(userId);
        await page.Locator("#search-button").ClickAsync();
        await page.Locator($"#hits tr[data-id='{id}'] a.hit").ClickAsync();
        await Assertions.Expect(page.Locator("#notification-status")).ToHaveTextAsync("Failed");
        await Assertions.Expect(page.Locator("#attempts .attempt-error").First).ToContainTextAsync("no profile");
        await browser.ScreenshotAsync("notification-failed");

        // The cause is fixed (the person now has a profile); the dead letter waits for an operator.
        await _people.CreateAsync(userId, new { email });
        await page.Locator("#dead-letters-link").ClickAsync();
        var letter = page.Locator($"#letters tr[data-notification='{id}']");
        // The dead letter is recorded a moment after the status: look again (as an operator would) until it is listed.
        await Eventually.MatchAsync(async () =>
        {
            await page.ReloadAsync();
            await page.Locator("#letters[aria-busy='false']").WaitForAsync();
            return await letter.CountAsync();
        }, count => count == 1, Deadline, "the dead letter to be listed in the console");
        await Assertions.Expect(letter.Locator(".reason")).ToContainTextAsync("no profile");
        await browser.ScreenshotAsync("dead-letters");

        await letter.Locator("button.replay").ClickAsync();
        var dialog = page.Locator("#confirm");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#confirm-no")).ToBeFocusedAsync(); // the safe choice is the default
        await page.Locator("#confirm-yes").ClickAsync();
        await Assertions.Expect(letter.Locator(".replayed")).ToContainTextAsync("operator");

        await letter.Locator("a").ClickAsync();
        var status = await Eventually.MatchAsync(async () =>
        {
            await page.Locator("#find-button").ClickAsync();
            return await page.Locator("#notification-status").TextContentAsync();
        }, s => s == "Delivered", Deadline, "the replayed notification to be Delivered in the console");
        Assert.Equal("Delivered", status);
        await Assertions.Expect(page.Locator("#attempts")).ToContainTextAsync("Delivered");
    }

    [Fact]
    public async Task The_operator_sends_a_test_notification_and_follows_it_to_delivered()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "operator", "/console/notifications.html");
        var page = browser.Page;
        await page.Locator("#test-user").FillAsync("bob");
        await page.Locator("#test-category").SelectOptionAsync("general");
        await page.Locator("#test-channel").SelectOptionAsync("in-app");
        var subject = $"Console test {Guid.NewGuid():N}";
        await page.Locator("#test-subject").FillAsync(subject);

        await page.Locator("#send-button").ClickAsync();

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Sent: notification");
        await Assertions.Expect(page.Locator("#facts")).ToContainTextAsync(subject);
        await Eventually.MatchAsync(async () =>
        {
            await page.Locator("#find-button").ClickAsync();
            return await page.Locator("#notification-status").TextContentAsync();
        }, s => s == "Delivered", Deadline, "the test notification to be Delivered in the console");
    }

    [Fact]
    public async Task A_template_with_a_syntax_error_is_not_published_and_the_error_is_shown_at_its_line()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "operator", "/console/templates.html");
        var page = browser.Page;
        await page.Locator("a.open-template[data-key='order-shipped']").ClickAsync();
        var part = page.Locator("textarea[data-field='variants[0].emailText']");
        await part.FillAsync("Hello {{ name }},\nyour order {{ orderId | }} has shipped.");

        await page.Locator("#publish").ClickAsync();

        var error = page.Locator("[id='v0-emailText-error']");
        await Assertions.Expect(error).ToContainTextAsync("Line 2");
        await Assertions.Expect(part).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(part).ToBeFocusedAsync();
        await Assertions.Expect(part.Locator("xpath=..").Locator(".gutter .bad")).ToHaveTextAsync("2");
        await browser.ScreenshotAsync("template-error");

        // Nothing was published: the current version is still the one the page showed.
        var versionBefore = await page.Locator("#version-info").TextContentAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#version-info")).ToHaveTextAsync(versionBefore!);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("alice")]
    public async Task Every_page_has_no_serious_accessibility_violations_and_fits_a_phone(string username)
    {
        var pages = username == "operator"
            ? new[] { "index.html", "preferences.html", "notifications.html", "dead-letters.html", "templates.html?key=order-shipped", "providers.html" }
            : new[] { "index.html", "preferences.html" };
        await using var browser = await ConsoleBrowser.SignInAsync(platform, username, viewport: ConsoleBrowser.Phone);
        var page = browser.Page;
        var found = new List<string>();
        foreach (var path in pages)
        {
            await browser.OpenAsync($"/console/{path}");
            await Assertions.Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#status.error")).ToHaveCountAsync(0);
            found.AddRange((await AccessibilityCheck.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a phone's screen");
            if (username == "operator" && path.StartsWith("templates", StringComparison.Ordinal))
            {
                await browser.ScreenshotAsync("templates-phone");
            }
        }
        Assert.Empty(found);
    }

    [Fact]
    public async Task Support_sees_the_operator_pages_but_is_offered_nothing_that_changes_anything()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "support", "/console/dead-letters.html");
        var page = browser.Page;
        await Assertions.Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#status.error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("nav a[href='notifications.html']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("nav a[href='providers.html']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#replay-all")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("button.replay")).ToHaveCountAsync(0);

        await browser.OpenAsync("/console/templates.html?key=order-shipped");
        await Assertions.Expect(page.Locator("#version-info")).ToContainTextAsync("Version");
        await Assertions.Expect(page.Locator("#publish")).ToBeHiddenAsync();

        await browser.OpenAsync("/console/notifications.html");
        await Assertions.Expect(page.Locator("#find")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#send-test")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_person_without_an_operator_role_is_told_so_on_operator_pages()
    {
        await using var browser = await ConsoleBrowser.SignInAsync(platform, "bob", "/console/dead-letters.html");

        await Assertions.Expect(browser.Page.Locator("#status")).ToContainTextAsync("for operators");
        await Assertions.Expect(browser.Page.Locator("nav a[href='dead-letters.html']")).ToHaveCountAsync(0);
        await Assertions.Expect(browser.Page.Locator("nav a[href='providers.html']")).ToHaveCountAsync(0);
    }
}
