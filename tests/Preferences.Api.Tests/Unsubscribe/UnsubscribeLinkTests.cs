using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Recipients;
using Preferences.Api.Apis;
using Preferences.Api.Data;
using Preferences.Api.Preferences;
using Preferences.Api.Unsubscribe;

namespace Preferences.Api.Tests.Unsubscribe;

/// <summary>
/// The unsubscribe routes as mail clients and link scanners reach them, with the platform's authentication and
/// a database nobody can reach: a route that touched it would answer 500, so a 200 from GET proves it changes
/// nothing, and a 400 for a bad token proves it is refused before anything is looked up.
/// </summary>
public sealed class UnsubscribeLinkTests : IAsyncLifetime
{
    private static readonly string Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)); // 48 characters
    private static readonly byte[] Key = UnsubscribeToken.ParseKey(Secret);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task GET_shows_a_page_whose_button_posts_the_one_click_body()
    {
        using var response = await _client.GetAsync($"/api/unsubscribe/{ValidToken()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\">", page);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", page);
        Assert.Contains("order-updates", page);
    }

    [Fact]
    public async Task GET_escapes_what_the_token_names()
    {
        using var response = await _client.GetAsync($"/api/unsubscribe/{Uri.EscapeDataString(ValidToken(category: "<i>"))}");

        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<i>", page);
        Assert.Contains("&lt;i&gt;", page);
    }

    public static TheoryData<string, Func<FakeTimeProvider, string>> BrokenTokens => new()
    {
        { "expired", time => Token(time.GetUtcNow()) },
        { "signed with another key", time => new UnsubscribeToken("alice", "order-updates", "email", time.GetUtcNow().AddDays(1)).Sign(RandomNumberGenerator.GetBytes(32)) },
        { "altered after signing", time => Token(time.GetUtcNow().AddDays(1)).Replace("order-updates", "security", StringComparison.Ordinal) },
        { "not a token", _ => "hello" },
        { "five parts of nothing", _ => "a.b.c.d.e" },
        { "a user id no profile could have", time => Token(time.GetUtcNow().AddDays(1), userId: new string('u', 201)) },
    };

    [Theory]
    [MemberData(nameof(BrokenTokens))]
    public async Task A_broken_link_is_400_naming_the_token_on_GET_POST_and_undo(string why, Func<FakeTimeProvider, string> token)
    {
        var link = $"/api/unsubscribe/{Uri.EscapeDataString(token(_time))}";
        using var get = await _client.GetAsync(link);
        using var post = await _client.PostAsync(link, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        using var undo = await _client.PostAsync($"{link}/undo", content: null);

        foreach (var response in new[] { get, post, undo })
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.RequestMessage?.Method} answered {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
            Assert.Equal([UnsubscribeLinks.InvalidMessage], problem!.Errors["token"]);
        }
    }

    [Fact]
    public async Task A_valid_POST_does_reach_the_database_so_the_tests_above_would_notice_a_query()
    {
        // The control for the others: recording the opt-out needs the database, which is out of reach here.
        await Assert.ThrowsAnyAsync<Exception>(() => _client.PostAsync($"/api/unsubscribe/{ValidToken()}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])));
    }

    [Fact]
    public async Task A_link_expires_with_the_clock()
    {
        var token = Token(_time.GetUtcNow().AddMinutes(1));
        using var before = await _client.GetAsync($"/api/unsubscribe/{token}");
        _time.Advance(TimeSpan.FromMinutes(1));
        using var after = await _client.GetAsync($"/api/unsubscribe/{token}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), (before.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task A_form_naming_something_other_than_one_click_is_400_before_anything_is_stored()
    {
        using var response = await _client.PostAsync($"/api/unsubscribe/{ValidToken()}", new FormUrlEncodedContent([new("List-Unsubscribe", "Later")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("List-Unsubscribe", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcde")] // 31 characters
    public void A_missing_or_short_signing_key_fails_validation(string key) =>
        Assert.True(new UnsubscribeOptionsValidator().Validate(null, new UnsubscribeOptions { SigningKey = key }).Failed);

    [Fact]
    public void A_key_of_32_characters_passes() =>
        Assert.True(new UnsubscribeOptionsValidator().Validate(null, new UnsubscribeOptions { SigningKey = Secret[..32] }).Succeeded);

    private string ValidToken(string category = "order-updates") => Token(_time.GetUtcNow().AddDays(30), category: category);

    private static string Token(DateTimeOffset expiresAt, string userId = "alice", string category = "order-updates") =>
        new UnsubscribeToken(userId, category, "email", expiresAt).Sign(Key);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Identity:Authority"] = "http://identity.test/realms/notifications";
        builder.Configuration["Identity:Audience"] = IdentityRealm.ApiAudience;
        builder.AddDefaultAuthentication();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(Options.Create(new UnsubscribeOptions { SigningKey = Secret }));
        builder.Services.AddSingleton<UnsubscribeLinks>();
        // Port 1 on loopback refuses at once: any query is an exception, so a 500.
        builder.Services.AddDbContext<PreferencesDbContext>(o => o.UseNpgsql("Host=127.0.0.1;Port=1;Timeout=1"));
        builder.Services.AddScoped<PreferenceStore>();

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapUnsubscribeApi();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
