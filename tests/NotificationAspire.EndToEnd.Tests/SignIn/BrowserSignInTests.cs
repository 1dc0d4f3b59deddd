using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.SignIn;

/// <summary>
/// A person signs in with a browser at the gateway (backend-for-frontend): the gateway runs the code flow with
/// PKCE against the identity provider's login page, keeps the tokens and gives the browser a session cookie; API
/// calls with the cookie need the anti-CSRF header, get the person's own data, and outlive the access token's
/// expiry; signing out ends the session at the gateway and at the identity provider.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class BrowserSignInTests(SignInFixture platform)
{
    private const string MyPreferences = "/api/me/preferences";

    private async Task<string> PasswordAsync() => await platform.ParameterValueAsync("demo-user-password");

    [Fact]
    public async Task Alice_signs_in_on_the_login_page_and_the_gateway_shows_who_she_is()
    {
        using var browser = new Browser(platform);

        var home = await browser.SignInAsync("alice", await PasswordAsync());

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal(new Uri(browser.Gateway, "/"), home.Url);
        Assert.Equal("Alice Anderson", home.Text("name"));
        Assert.Equal("alice", home.Text("username"));

        using var user = await browser.SendAsync(HttpMethod.Get, "/bff/user", csrfHeader: false);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        var me = await user.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", me.GetProperty("subject").GetString());
        Assert.Equal("alice", me.GetProperty("preferredUsername").GetString());
        Assert.Equal("Alice Anderson", me.GetProperty("name").GetString());
        Assert.Empty(me.GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task The_operator_sees_their_realm_roles()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("operator", await PasswordAsync());

        var me = await browser.SendAsync(HttpMethod.Get, "/bff/user", csrfHeader: false);
        var roles = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();

        Assert.Contains(Contracts.PlatformRoles.Admin, roles);
        Assert.Contains(Contracts.PlatformRoles.Send, roles);
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_login_page()
    {
        using var browser = new Browser(platform);
        var login = await browser.OpenAsync("/bff/login");

        var again = await browser.SubmitAsync(login, new Dictionary<string, string> { ["username"] = "alice", ["password"] = "not-her-password" });

        Assert.True(again.HasLoginForm);
        Assert.Contains("Invalid username or password.", again.Html, StringComparison.Ordinal);
        using var user = await browser.SendAsync(HttpMethod.Get, "/bff/user");
        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
    }

    [Fact]
    public async Task With_the_session_and_the_csrf_header_alice_changes_and_reads_her_own_preferences()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("alice", await PasswordAsync());

        using (var put = await browser.SendAsync(HttpMethod.Put, MyPreferences, content: JsonContent.Create(new
        {
            channels = new Dictionary<string, bool> { ["sms"] = false },
            categories = new Dictionary<string, object>(),
        })))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        using var get = await browser.SendAsync(HttpMethod.Get, MyPreferences);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var mine = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(mine.GetProperty("channels").GetProperty("sms").GetBoolean());

        // The same data as alice's own bearer token sees: the session acted as alice, not as the gateway.
        var api = new PlatformApi(platform);
        using var byToken = await api.SendAsync(HttpMethod.Get, MyPreferences, await platform.GetUserTokenAsync("alice"));
        var theirs = await byToken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(theirs.GetProperty("channels").GetProperty("sms").GetBoolean());
    }

    [Fact]
    public async Task Without_the_csrf_header_the_session_cookie_does_not_count_for_an_api_call()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("alice", await PasswordAsync());

        using var withoutHeader = await browser.SendAsync(HttpMethod.Get, MyPreferences, csrfHeader: false);
        using var wrongValue = await browser.SendAsync(HttpMethod.Get, MyPreferences, csrfHeader: false,
            headers: new Dictionary<string, string> { ["X-CSRF"] = "0" });

        Assert.Equal(HttpStatusCode.Unauthorized, withoutHeader.StatusCode);
        Assert.Equal("application/problem+json", withoutHeader.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-CSRF", await withoutHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongValue.StatusCode);
    }

    [Fact]
    public async Task Api_paths_answer_401_and_never_redirect_to_a_login_page()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var gateway = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http");

        using var noSession = await http.GetAsync(new Uri(gateway, MyPreferences));
        using var unknownCookie = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, MyPreferences));
        unknownCookie.Headers.Add("Cookie", "gateway-session=forged");
        unknownCookie.Headers.Add("X-CSRF", "1");
        using var forged = await http.SendAsync(unknownCookie);
        using var user = await http.GetAsync(new Uri(gateway, "/bff/user"));

        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    public async Task Sign_in_returns_only_to_a_path_on_the_gateway(string returnUrl)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var gateway = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http");

        using var response = await http.GetAsync(new Uri(gateway, $"/bff/login?returnUrl={Uri.EscapeDataString(returnUrl)}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task After_sign_in_the_browser_returns_to_the_local_path_it_asked_for()
    {
        using var browser = new Browser(platform);
        var landed = await browser.SignInAsync("bob", await PasswordAsync(), returnUrl: "/bff/user");

        Assert.Equal(new Uri(browser.Gateway, "/bff/user"), landed.Url);
        Assert.Contains("\"preferredUsername\":\"bob\"", landed.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_outlives_its_access_token_which_the_gateway_renews_before_it_expires()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("alice", await PasswordAsync());
        var firstExpiry = await AccessTokenExpiryAsync(browser);
        Assert.True(firstExpiry - DateTimeOffset.UtcNow <= SignInFixture.AccessTokenLifespan + TimeSpan.FromSeconds(2));

        // Past the first token's expiry and past the services' clock skew (10 s): forwarded, it would be refused.
        await DelayUntilAsync(firstExpiry + TimeSpan.FromSeconds(12));
        using var call = await browser.SendAsync(HttpMethod.Get, MyPreferences);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var renewedExpiry = await AccessTokenExpiryAsync(browser);
        Assert.True(renewedExpiry > firstExpiry, $"expected a new token: first expired {firstExpiry:O}, now {renewedExpiry:O}");
        Assert.True(renewedExpiry > DateTimeOffset.UtcNow + SignInFixture.RefreshWindow - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_here_and_at_the_identity_provider_and_a_replayed_cookie_is_dead()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("alice", await PasswordAsync());
        var stolen = browser.SessionCookieHeader();

        using (var logout = await browser.SendAsync(HttpMethod.Post, "/bff/logout"))
        {
            // Through the identity provider's end-session endpoint and back to the home page, signed out.
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
            Assert.Equal(new Uri(browser.Gateway, "/"), logout.RequestMessage!.RequestUri);
            Assert.Contains("You are not signed in.", await logout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var replay = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        foreach (var path in new[] { "/bff/user", MyPreferences })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(browser.Gateway, path));
            request.Headers.Add("Cookie", stolen);
            request.Headers.Add("X-CSRF", "1");
            using var response = await replay.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The identity provider's session is over too: signing in again asks for the password.
        var again = await browser.OpenAsync("/bff/login");
        Assert.True(again.HasLoginForm, again.Html);
    }

    [Fact]
    public async Task A_session_ended_at_the_identity_provider_ends_at_the_gateway_when_its_token_is_due()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("bob", await PasswordAsync());
        var expiry = await AccessTokenExpiryAsync(browser);

        // Signed out at the identity provider directly (its own logout page), not through the gateway.
        var identity = platform.IdentityRealmUri;
        var confirm = await browser.OpenAsync(new Uri(identity, "protocol/openid-connect/logout").ToString());
        var loggedOut = await browser.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Contains("You are logged out", loggedOut.Html, StringComparison.Ordinal);

        // Until the token is due the gateway does not ask; then the refresh is refused and the session is over.
        await DelayUntilAsync(expiry - SignInFixture.RefreshWindow + TimeSpan.FromSeconds(1));
        using var call = await browser.SendAsync(HttpMethod.Get, MyPreferences);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Contains("ended at the identity provider", await call.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var user = await browser.SendAsync(HttpMethod.Get, "/bff/user", csrfHeader: false);
        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
    }

    [Fact]
    public async Task The_home_page_signs_out_with_its_form_and_a_bare_post_does_not()
    {
        using var browser = new Browser(platform);
        var home = await browser.SignInAsync("bob", await PasswordAsync());

        using (var bare = await browser.SendAsync(HttpMethod.Post, "/bff/logout", csrfHeader: false))
        {
            Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        }
        using (var stillIn = await browser.SendAsync(HttpMethod.Get, "/bff/user", csrfHeader: false))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        var signedOut = await browser.SubmitAsync(home, new Dictionary<string, string>());
        Assert.Equal(new Uri(browser.Gateway, "/"), signedOut.Url);
        Assert.Equal("You are not signed in.", signedOut.Text("status"));
    }

    [Fact]
    public async Task No_cookie_reaches_the_service_behind_the_gateway_and_the_session_arrives_as_alices_bearer_token()
    {
        using var browser = new Browser(platform);
        await browser.SignInAsync("alice", await PasswordAsync());
        browser.Cookies.Add(browser.Gateway, new Cookie("tracking", "some-other-cookie"));

        var sessionCall = Guid.NewGuid().ToString("N");
        using (var response = await browser.SendAsync(HttpMethod.Get, SignInFixture.ProbePath,
                   headers: new Dictionary<string, string> { [RequestProbe.IdHeader] = sessionCall }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var received = platform.Probe.Received(sessionCall) ?? throw new InvalidOperationException("Nothing reached the probe.");
        Assert.Null(received["Cookie"]);
        var bearer = received["Authorization"];
        Assert.StartsWith("Bearer ", bearer, StringComparison.Ordinal);
        Assert.Equal("alice", Payload(bearer!["Bearer ".Length..]).GetProperty("sub").GetString());

        // A token caller's cookies do not get through either, and its own token is forwarded untouched.
        var token = await platform.GetUserTokenAsync("bob");
        var tokenCall = Guid.NewGuid().ToString("N");
        using (var response = await new PlatformApi(platform).SendAsync(HttpMethod.Get, SignInFixture.ProbePath, token,
                   headers: new Dictionary<string, string> { [RequestProbe.IdHeader] = tokenCall, ["Cookie"] = "tracking=1" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var fromTokenCaller = platform.Probe.Received(tokenCall) ?? throw new InvalidOperationException("Nothing reached the probe.");
        Assert.Null(fromTokenCaller["Cookie"]);
        Assert.Equal($"Bearer {token}", fromTokenCaller["Authorization"]);
    }

    private static async Task DelayUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static async Task<DateTimeOffset> AccessTokenExpiryAsync(Browser browser)
    {
        using var user = await browser.SendAsync(HttpMethod.Get, "/bff/user", csrfHeader: false);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
        return (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessTokenExpiresAt").GetDateTimeOffset();
    }

    private static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonSerializer.Deserialize<JsonElement>(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=')));
    }
}
