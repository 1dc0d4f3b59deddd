using Microsoft.Extensions.Time.Testing;
using NotificationAspire.Standins.IdentityStandIn.Browser;
using NotificationAspire.Standins.IdentityStandIn.Realm;

namespace IdentityStandIn.Tests;

public sealed class RedirectUriRuleTests
{
    private static readonly RealmClient Gateway = new()
    {
        ClientId = "gateway",
        RedirectUris = ["http://localhost/*", "http://127.0.0.1/*", "https://notify.example.com/*", "https://app.example.com/exact"],
        Attributes = new Dictionary<string, string> { ["post.logout.redirect.uris"] = "+" },
    };

    [Theory]
    [InlineData("http://localhost:5200/bff/signin-oidc")] // loopback: any port, as Keycloak allows
    [InlineData("http://localhost/bff/signin-oidc")]
    [InlineData("http://127.0.0.1:40123/bff/signin-oidc")]
    [InlineData("https://notify.example.com/bff/signin-oidc")]
    [InlineData("https://notify.example.com/bff/signin-oidc?x=1")] // a wildcard entry ignores the query
    [InlineData("https://app.example.com/exact")]
    public void Registered_addresses_match(string uri) => Assert.True(RedirectUriRules.IsValidRedirectUri(Gateway, uri));

    [Theory]
    [InlineData("https://evil.example/bff/signin-oidc")]
    [InlineData("http://localhost.evil.example:80/bff/signin-oidc")]
    [InlineData("https://notify.example.com.evil.example/x")]
    [InlineData("http://notify.example.com/bff/signin-oidc")] // scheme counts
    [InlineData("https://notify.example.com:8443/bff/signin-oidc")] // port counts off loopback
    [InlineData("https://app.example.com/exact/more")]
    [InlineData("https://notify.example.com/a/../b")]
    [InlineData("https://notify.example.com/x#fragment")]
    [InlineData("/bff/signin-oidc")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_does_not(string? uri) => Assert.False(RedirectUriRules.IsValidRedirectUri(Gateway, uri));

    [Fact]
    public void Post_logout_addresses_are_the_redirect_uris_with_plus_or_their_own_list()
    {
        Assert.True(RedirectUriRules.IsValidPostLogoutRedirectUri(Gateway, "http://localhost:5200/bff/signout-callback-oidc"));
        Assert.False(RedirectUriRules.IsValidPostLogoutRedirectUri(Gateway, "https://evil.example/"));

        var own = Gateway with { Attributes = new Dictionary<string, string> { ["post.logout.redirect.uris"] = "https://bye.example/*##https://ciao.example/" } };
        Assert.True(RedirectUriRules.IsValidPostLogoutRedirectUri(own, "https://bye.example/now"));
        Assert.True(RedirectUriRules.IsValidPostLogoutRedirectUri(own, "https://ciao.example/"));
        Assert.False(RedirectUriRules.IsValidPostLogoutRedirectUri(own, "http://localhost:5200/bff/signout-callback-oidc"));
    }
}

public sealed class BrowserSessionTests
{
    private static readonly RealmUser Alice = new() { Username = "alice", Enabled = true };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private BrowserSessions Sessions(int idle = 1800, int max = 36000) =>
        new(new RealmDirectory(new RealmDocument { Realm = "r", Enabled = true, SsoSessionIdleTimeout = idle, SsoSessionMaxLifespan = max }), _time);

    [Fact]
    public void A_session_lives_while_used_and_ends_when_ended()
    {
        var sessions = Sessions();
        var session = sessions.Start(Alice);

        Assert.Same(session, sessions.Use(session.Id));
        Assert.True(sessions.End(session.Id));
        Assert.Null(sessions.Use(session.Id));
        Assert.False(sessions.End(session.Id));
    }

    [Fact]
    public void An_idle_session_ends_and_a_busy_one_ends_at_its_maximum()
    {
        var sessions = Sessions(idle: 60, max: 150);
        var idle = sessions.Start(Alice);
        var busy = sessions.Start(Alice);

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(50));
            Assert.NotNull(sessions.Use(busy.Id));
        }
        Assert.Null(sessions.Use(idle.Id)); // 150 s without use
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(sessions.Use(busy.Id)); // past the maximum, however busy
    }

    [Fact]
    public void A_code_is_redeemed_once()
    {
        var sessions = Sessions();
        Assert.True(sessions.TryRedeemCode("code-1", _time.GetUtcNow().AddMinutes(5)));
        Assert.False(sessions.TryRedeemCode("code-1", _time.GetUtcNow().AddMinutes(5)));
        Assert.True(sessions.TryRedeemCode("code-2", _time.GetUtcNow().AddMinutes(5)));
    }
}
