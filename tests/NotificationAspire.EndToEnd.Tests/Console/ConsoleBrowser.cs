using Microsoft.Playwright;

namespace NotificationAspire.EndToEnd.Tests.Console;

/// <summary>
/// Headless chromium (Debian's, installed by eng/bootstrap.sh; Playwright never downloads one here) signed in to the
/// console as a demo person through the gateway and the identity provider's login page, as a person would.
/// The viewer's time zone is set apart from the server's, so times the pages show must be converted.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ViewerTimeZone = "Pacific/Auckland";
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };
    private static readonly float Timeout = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    static ConsoleBrowser() => Assertions.SetDefaultExpectTimeout(Timeout);

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, Uri gateway)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        Gateway = gateway;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Gateway { get; }

    public static async Task<ConsoleBrowser> StartAsync(PlatformFixture platform, ViewportSize? viewport = null)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        // The console's CSP allows only its own scripts; the tests inject axe-core, so the context looks past it.
        var context = await browser.NewContextAsync(new()
        {
            BypassCSP = true,
            TimezoneId = ViewerTimeZone,
            Locale = "en-GB", // 24-hour times, so a test can read them
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        return new ConsoleBrowser(playwright, browser, context, page, platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http"));
    }

    /// <summary>Opens a console page signed out, which sends the browser to the login page, and signs in there.</summary>
    public static async Task<ConsoleBrowser> SignInAsync(PlatformFixture platform, string username, string path = "/console/", ViewportSize? viewport = null)
    {
        var browser = await StartAsync(platform, viewport);
        await browser.Page.GotoAsync(browser.Url(path).ToString());
        await browser.Page.Locator("#username").FillAsync(username);
        await browser.Page.Locator("#password").FillAsync(await platform.ParameterValueAsync("demo-user-password"));
        await browser.Page.Locator("#kc-login").ClickAsync();
        await browser.Page.WaitForURLAsync(url => url.StartsWith(browser.Url(path).ToString(), StringComparison.Ordinal));
        await browser.Page.Locator("#sign-out").WaitForAsync();
        return browser;
    }

    public Uri Url(string path) => new(Gateway, path);

    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(Url(path).ToString());
        await Page.Locator("#sign-out").WaitForAsync();
    }

    /// <summary>A screenshot of the whole page into docs/console/, for the docs to show what the console looks like.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepositoryPaths.Root(), "docs", "console");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
