using System.Security.Claims;
using System.Text;
using Gateway.Bff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Bff;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/bff/user", "/bff/user")]
    [InlineData("/inbox?page=2#top", "/inbox?page=2#top")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    public void A_path_on_the_gateway_is_where_sign_in_returns(string? returnUrl, string expected) =>
        Assert.Equal(expected, ReturnUrls.Validate(returnUrl));

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("~/x")]
    public void Anything_a_browser_could_read_as_another_site_is_refused(string returnUrl) =>
        Assert.Null(ReturnUrls.Validate(returnUrl));
}

public sealed class CsrfRuleTests
{
    [Theory]
    [InlineData("/api/me/preferences", true)]
    [InlineData("/api", true)]
    [InlineData("/API/notifications", true)]
    [InlineData("/apis", false)]
    [InlineData("/bff/user", false)]
    [InlineData("/", false)]
    [InlineData("/openapi/notifications-api.json", false)]
    public void Applies_to_the_api_paths_only(string path, bool applies) =>
        Assert.Equal(applies, CsrfRule.AppliesTo(new PathString(path)));

    [Fact]
    public void Is_satisfied_only_by_exactly_one_header_with_the_value_1()
    {
        Assert.True(CsrfRule.IsSatisfiedBy(Headers(("X-CSRF", "1"))));
        Assert.True(CsrfRule.IsSatisfiedBy(Headers(("x-csrf", "1"))));
        Assert.False(CsrfRule.IsSatisfiedBy(Headers()));
        Assert.False(CsrfRule.IsSatisfiedBy(Headers(("X-CSRF", "0"))));
        Assert.False(CsrfRule.IsSatisfiedBy(Headers(("X-CSRF", "true"))));
        Assert.False(CsrfRule.IsSatisfiedBy(Headers(("X-CSRF", "1"), ("X-CSRF", "1"))));
        Assert.False(CsrfRule.IsSatisfiedBy(Headers(("X-XSRF", "1"))));
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary.Append(name, value);
        }
        return dictionary;
    }
}

public sealed class TokenRefreshPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_token_with_more_than_the_window_left_is_kept() =>
        Assert.False(TokenRefreshPolicy.IsDue(Now.AddSeconds(61), Now, Window));

    [Fact]
    public void A_token_inside_the_window_is_renewed_before_it_expires()
    {
        Assert.True(TokenRefreshPolicy.IsDue(Now.AddSeconds(60), Now, Window));
        Assert.True(TokenRefreshPolicy.IsDue(Now.AddSeconds(1), Now, Window));
    }

    [Fact]
    public void An_expired_token_or_one_of_unknown_expiry_is_renewed()
    {
        Assert.True(TokenRefreshPolicy.IsDue(Now.AddSeconds(-5), Now, Window));
        Assert.True(TokenRefreshPolicy.IsDue(null, Now, Window));
    }

    [Fact]
    public void The_expiry_saved_with_the_tokens_is_read_back_exactly()
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new() { Name = "expires_at", Value = "2026-12-01T12:05:00.0000000+00:00" }]);
        Assert.Equal(Now.AddMinutes(5), SessionTokens.ExpiresAt(properties));
    }
}

public sealed class SessionCookieTests
{
    [Fact]
    public void Over_https_the_cookie_has_the_host_prefix_and_what_the_prefix_requires()
    {
        var context = Request(https: true);
        new SessionCookieManager().AppendResponseCookie(context, BffOptions.CookieName, "v",
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/bff", Domain = "example.com" });

        var header = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith("__Host-gateway-session=v", header, StringComparison.Ordinal);
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", header + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", header, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Over_plain_http_it_has_no_prefix_and_reads_the_unprefixed_name()
    {
        var context = Request(https: false);
        context.Request.Headers.Cookie = "__Host-gateway-session=forged; gateway-session=real";
        var manager = new SessionCookieManager();

        Assert.Equal("real", manager.GetRequestCookie(context, BffOptions.CookieName));
        manager.AppendResponseCookie(context, BffOptions.CookieName, "v", new CookieOptions { Path = "/" });
        Assert.StartsWith("gateway-session=v", context.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Over_https_only_the_prefixed_cookie_counts()
    {
        var context = Request(https: true);
        context.Request.Headers.Cookie = "gateway-session=planted-by-a-sibling-host";

        Assert.Null(new SessionCookieManager().GetRequestCookie(context, BffOptions.CookieName));
    }

    private static DefaultHttpContext Request(bool https)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = https ? "https" : "http";
        return context;
    }
}

public sealed class LogoutTokenTests
{
    private readonly LogoutToken _tokens = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void The_token_of_a_session_signs_out_that_session_only()
    {
        var mine = Session("one");
        var token = _tokens.For(mine);

        Assert.True(_tokens.IsValid(token, mine));
        Assert.False(_tokens.IsValid(token, Session("two")));
        Assert.False(_tokens.IsValid("made-up", mine));
        Assert.False(_tokens.IsValid(null, mine));
        Assert.Null(_tokens.For(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    private static ClaimsPrincipal Session(string id) =>
        new(new ClaimsIdentity([new Claim(LogoutToken.SessionIdClaim, id)], "test"));
}

public sealed class SessionRoleTests
{
    [Fact]
    public void Roles_come_from_the_access_tokens_realm_access_and_replace_the_old_ones()
    {
        var identity = new ClaimsIdentity([new Claim("sub", "operator"), new Claim("role", "stale")], "oidc", "preferred_username", "role");
        var token = UnsignedJwt("""{"sub":"operator","realm_access":{"roles":["notifications.admin","notifications.send"]}}""");

        var principal = SessionTokens.WithRoles(new ClaimsPrincipal(identity), token);

        Assert.Equal(["notifications.admin", "notifications.send"], principal.FindAll("role").Select(c => c.Value).Order());
        Assert.Equal("operator", principal.FindFirst("sub")?.Value);
    }

    [Fact]
    public void A_token_without_realm_roles_leaves_none()
    {
        var identity = new ClaimsIdentity([new Claim("role", "stale")], "oidc", "preferred_username", "role");
        Assert.Empty(SessionTokens.WithRoles(new ClaimsPrincipal(identity), UnsignedJwt("""{"sub":"alice"}""")).FindAll("role"));
    }

    private static string UnsignedJwt(string payload) =>
        $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(payload)}.";

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
