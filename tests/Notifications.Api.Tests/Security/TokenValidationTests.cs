using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using NotificationAspire.Contracts;

namespace Notifications.Api.Tests.Security;

/// <summary>
/// The platform's JWT bearer settings (ServiceDefaults, used by the gateway and every API) against tokens a
/// hostile or careless caller could present. The realm's signing key is one the test holds, given to the
/// handler as the identity provider's metadata would.
/// </summary>
public sealed class TokenValidationTests : IAsyncLifetime
{
    private const string Issuer = "http://identity.test/realms/notifications";
    private static readonly RsaSecurityKey RealmKey = new(RSA.Create(2048)) { KeyId = "realm-key" };

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public static TheoryData<string, Func<string>> RefusedTokens => new()
    {
        { "expired 15 s ago", () => Token(expires: DateTime.UtcNow.AddSeconds(-15)) },
        { "expired 71 s ago", () => Token(expires: DateTime.UtcNow.AddSeconds(-71)) },
        { "not yet valid", () => Token(notBefore: DateTime.UtcNow.AddMinutes(2), expires: DateTime.UtcNow.AddMinutes(5)) },
        { "another audience", () => Token(audience: "account") },
        { "another issuer", () => Token(issuer: "http://elsewhere.test/realms/notifications") },
        { "alg none", UnsignedToken },
        { "re-signed with another key under the realm's key id", () => Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = RealmKey.KeyId }) },
        { "signed with a shared secret (HS256)", () => Token(credentials: new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = RealmKey.KeyId }, SecurityAlgorithms.HmacSha256)) },
        { "without an expiry", () => Token(withoutExpiry: true) },
    };

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        using var response = await CallWithAsync(Token());

        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join(" ", response.Headers.WwwAuthenticate));
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_is_401_with_a_bearer_challenge(string why, Func<string> token)
    {
        using var response = await CallWithAsync(token());

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Identity:Authority"] = Issuer;
        builder.Configuration["Identity:Audience"] = IdentityRealm.ApiAudience;
        builder.AddDefaultAuthentication();
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(
                new OpenIdConnectConfiguration { Issuer = Issuer, SigningKeys = { RealmKey } }));

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGet("/me", (ClaimsPrincipal user) => user.FindFirstValue("sub")).RequireAuthorization(PlatformPolicies.Authenticated);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> CallWithAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request);
    }

    private static string Token(string issuer = Issuer, string audience = IdentityRealm.ApiAudience, DateTime? notBefore = null,
        DateTime? expires = null, bool withoutExpiry = false, SecurityKey? key = null, SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-5),
            NotBefore = notBefore ?? now.AddMinutes(-5),
            Expires = withoutExpiry ? null : expires ?? now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "order-service-account" },
            SigningCredentials = credentials ?? new SigningCredentials(key ?? RealmKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string UnsignedToken()
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode($$"""{"iss":"{{Issuer}}","aud":"{{IdentityRealm.ApiAudience}}","sub":"x","exp":{{expires}}}""")}.";
    }
}
