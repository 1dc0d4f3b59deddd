using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A service's own access token (client credentials grant against the realm), for calls to another platform API.
/// One token per process, fetched when first needed and again shortly before it expires; callers never wait on
/// the identity provider while a valid token is at hand. Configuration: `Identity:Authority` (set by the
/// AppHost's WithIdentity), `Identity:ClientId` and `Identity:ClientSecret` (a secret parameter).
/// </summary>
public sealed class ClientCredentialsTokens(IHttpClientFactory clients, IConfiguration configuration, TimeProvider time)
{
    public const string HttpClientName = "identity-token";

    // Renewed this long before expiry, so a token never expires between being attached and being checked.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim renewal = new(1, 1);
    private (string Value, DateTimeOffset RenewAt)? current;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } token && time.GetUtcNow() < token.RenewAt)
        {
            return token.Value;
        }
        await renewal.WaitAsync(cancellationToken);
        try
        {
            if (current is { } renewed && time.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Value;
            }
            var fetched = await FetchAsync(cancellationToken);
            current = (fetched.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(fetched.ExpiresIn) - RenewBefore);
            return fetched.AccessToken;
        }
        finally
        {
            renewal.Release();
        }
    }

    private async Task<TokenResponse> FetchAsync(CancellationToken cancellationToken)
    {
        var identity = configuration.GetSection("Identity");
        var authority = identity["Authority"] ?? throw new InvalidOperationException("Identity:Authority is not configured.");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = identity["ClientId"] ?? throw new InvalidOperationException("Identity:ClientId is not configured."),
            ["client_secret"] = identity["ClientSecret"] ?? throw new InvalidOperationException("Identity:ClientSecret is not configured."),
        });
        // Keycloak's token endpoint; the local identity stand-in serves the same path.
        using var response = await clients.CreateClient(HttpClientName)
            .PostAsync($"{authority.TrimEnd('/')}/protocol/openid-connect/token", form, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new InvalidOperationException("The token endpoint answered without a token.");
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>Puts the service's own bearer token on every request of the client it is added to.</summary>
public sealed class ClientCredentialsHandler(ClientCredentialsTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

public static class ClientCredentialsExtensions
{
    /// <summary>Calls made with this client carry the service's own token (client credentials).</summary>
    public static IHttpClientBuilder AddClientCredentialsToken(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton(TimeProvider.System);
        client.Services.TryAddSingleton<ClientCredentialsTokens>();
        client.Services.TryAddTransient<ClientCredentialsHandler>();
        client.Services.AddHttpClient(ClientCredentialsTokens.HttpClientName);
        return client.AddHttpMessageHandler<ClientCredentialsHandler>();
    }
}
