using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Bff;

/// <summary>
/// Runs on every request that carries a session cookie (the cookie scheme's ValidatePrincipal): applies the CSRF
/// rule to API paths, renews the access token with the refresh token shortly before it expires (saved back into
/// the server-side ticket, so every replica sees the new one), ends the session when the identity provider no
/// longer honours the refresh token (signed out there, session idle or over), and hands an API request's access
/// token to the proxy (<see cref="SessionTokenTransforms"/>).
/// </summary>
public sealed class SessionTokens(
    IOptionsMonitor<OpenIdConnectOptions> oidc, IOptions<BffOptions> options, IHttpClientFactory httpClients,
    TimeProvider time, ILogger<SessionTokens> logger)
{
    public const string HttpClientName = "bff-token-refresh";

    /// <summary>HttpContext item: the access token to forward for this API request.</summary>
    public const string AccessTokenItem = "Gateway.Bff.AccessToken";

    /// <summary>HttpContext item: why the session cookie did not count for this request (said in the 401).</summary>
    public const string RejectionItem = "Gateway.Bff.Rejection";

    // Parallel requests of one session due for a refresh share one call to the identity provider.
    private readonly ConcurrentDictionary<string, Lazy<Task<RefreshOutcome>>> _inFlight = new(StringComparer.Ordinal);

    public async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var isApi = CsrfRule.AppliesTo(http.Request.Path);
        if (isApi && !CsrfRule.IsSatisfiedBy(http.Request.Headers))
        {
            http.Items[RejectionItem] = $"An API call with the session cookie needs the header {BffDefaults.CsrfHeader}: {BffDefaults.CsrfHeaderValue}.";
            context.RejectPrincipal();
            return;
        }

        var properties = context.Properties;
        if (TokenRefreshPolicy.IsDue(ExpiresAt(properties), time.GetUtcNow(), options.Value.TokenRefreshWindow))
        {
            var outcome = await RefreshOnceAsync(properties.GetTokenValue("refresh_token"));
            if (outcome.Refused)
            {
                http.Items[RejectionItem] = "The session has ended at the identity provider; sign in again.";
                context.RejectPrincipal();
                await http.SignOutAsync(BffDefaults.CookieScheme); // deletes the ticket: no replica serves it again
                return;
            }
            if (outcome.Tokens is { } tokens)
            {
                StoreTokens(properties, tokens);
                context.ReplacePrincipal(WithRoles(context.Principal!, tokens.AccessToken));
                context.ShouldRenew = true; // the ticket is saved back under the same key, the cookie stays as it is
            }
        }

        if (isApi)
        {
            http.Items[AccessTokenItem] = properties.GetTokenValue("access_token");
        }
    }

    /// <summary>Realm roles from the access token the identity provider just issued to us (Keycloak's realm_access.roles).</summary>
    public static ClaimsPrincipal WithRoles(ClaimsPrincipal principal, string? accessToken)
    {
        if (principal.Identity is not ClaimsIdentity identity || accessToken is null)
        {
            return principal;
        }
        var renewed = identity.Clone();
        foreach (var old in renewed.FindAll(identity.RoleClaimType).ToList())
        {
            renewed.RemoveClaim(old);
        }
        foreach (var role in RealmRoles(accessToken))
        {
            renewed.AddClaim(new Claim(identity.RoleClaimType, role));
        }
        return new ClaimsPrincipal(renewed);
    }

    private static IEnumerable<string> RealmRoles(string accessToken)
    {
        // Not validated here: it came straight from the token endpoint over the back channel, and only the
        // gateway's own display of roles (/bff/user) reads it; the APIs validate it themselves.
        var token = new JsonWebTokenHandler().ReadJsonWebToken(accessToken);
        if (!token.TryGetPayloadValue<JsonElement>("realm_access", out var realmAccess)
            || realmAccess.ValueKind != JsonValueKind.Object
            || !realmAccess.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return roles.EnumerateArray().Select(r => r.GetString()).OfType<string>().ToList();
    }

    public static DateTimeOffset? ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private void StoreTokens(AuthenticationProperties properties, TokenSet tokens)
    {
        var stored = properties.GetTokens().ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        stored["access_token"] = tokens.AccessToken;
        stored["expires_at"] = (time.GetUtcNow() + tokens.ExpiresIn).ToString("o", CultureInfo.InvariantCulture);
        if (tokens.RefreshToken is { } refresh)
        {
            stored["refresh_token"] = refresh;
        }
        if (tokens.IdToken is { } id)
        {
            stored["id_token"] = id;
        }
        properties.StoreTokens(stored.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
    }

    private async Task<RefreshOutcome> RefreshOnceAsync(string? refreshToken)
    {
        if (refreshToken is null)
        {
            return RefreshOutcome.Refusal;
        }
        var call = _inFlight.GetOrAdd(refreshToken, token => new Lazy<Task<RefreshOutcome>>(() => RefreshAsync(token)));
        try
        {
            return await call.Value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<RefreshOutcome>>>(refreshToken, call));
        }
    }

    private async Task<RefreshOutcome> RefreshAsync(string refreshToken)
    {
        var client = oidc.Get(BffDefaults.OpenIdConnectScheme);
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var configuration = await client.ConfigurationManager!.GetConfigurationAsync(cancel.Token);
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(configuration.TokenEndpoint,
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                    ["client_id"] = client.ClientId!,
                    ["client_secret"] = client.ClientSecret!,
                }), cancel.Token);
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                logger.LogInformation("The identity provider refused to refresh a session's token ({Status}); the session ends.", (int)response.StatusCode);
                return RefreshOutcome.Refusal;
            }
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel.Token));
            var root = json.RootElement;
            return new RefreshOutcome(false, new TokenSet(
                root.GetProperty("access_token").GetString()!,
                TimeSpan.FromSeconds(root.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetInt32() : 60),
                root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
                root.TryGetProperty("id_token", out var id) ? id.GetString() : null));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // The identity provider is unreachable or answered nonsense: keep the session and the current token
            // (an API rejects it once expired) rather than sign everyone out over an outage.
            logger.LogWarning("Could not refresh a session's access token: {Error}", ex.Message);
            return new RefreshOutcome(false, null);
        }
    }

    private sealed record TokenSet(string AccessToken, TimeSpan ExpiresIn, string? RefreshToken, string? IdToken);

    private sealed record RefreshOutcome(bool Refused, TokenSet? Tokens)
    {
        public static readonly RefreshOutcome Refusal = new(true, null);
    }
}
