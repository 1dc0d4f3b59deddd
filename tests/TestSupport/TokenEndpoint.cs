using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace NotificationAspire.TestSupport;

/// <summary>The realm's OAuth token endpoint, asked directly as any client would (it is not behind the gateway).</summary>
internal static class TokenEndpoint
{
    public static async Task<string> RequestAsync(PlatformFixture platform, Dictionary<string, string> form)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(new Uri(platform.IdentityRealmUri, "protocol/openid-connect/token"), new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return token?.AccessToken ?? throw new InvalidOperationException("The token endpoint returned no access token.");
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
