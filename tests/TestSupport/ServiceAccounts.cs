using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace NotificationAspire.TestSupport;

/// <summary>The realm's calling services and how to get a token for one, as a real caller would.</summary>
public static class ServiceAccounts
{
    public const string OrderService = "order-service";
    public const string BillingService = "billing-service";
    public const string AnalyticsService = "analytics-service"; // has no notifications role

    public static async Task<string> GetTokenAsync(this PlatformFixture platform, string clientId)
    {
        var secret = await platform.ParameterValueAsync($"{clientId}-client-secret");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri(platform.IdentityRealmUri, "protocol/openid-connect/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token?.AccessToken ?? throw new InvalidOperationException("The token endpoint returned no access token.");
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}

/// <summary>The realm's demo people, signing in through the gateway client with the password grant.</summary>
public static class DemoUsers
{
    public static async Task<string> GetUserTokenAsync(this PlatformFixture platform, string username)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri(platform.IdentityRealmUri, "protocol/openid-connect/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "gateway",
                ["client_secret"] = await platform.ParameterValueAsync("gateway-client-secret"),
                ["username"] = username,
                ["password"] = await platform.ParameterValueAsync("demo-user-password"),
            }));
        response.EnsureSuccessStatusCode();
        var json = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        return json.GetProperty("access_token").GetString()!;
    }
}
