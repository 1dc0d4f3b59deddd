using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.StatusWebhooks;

/// <summary>
/// The `webhook` channel's endpoints through the gateway: a person's own (`/api/me/webhook-endpoints`, with their
/// token) or registered for them by a recipient writer (`/api/recipients/{userId}/webhook-endpoints`).
/// </summary>
public sealed class PersonWebhooks(PlatformFixture platform)
{
    private readonly PlatformApi _api = new(platform);

    public sealed record Registered(Guid Id, string Secret);

    public static string ForRecipient(string userId) => $"/api/recipients/{userId}/webhook-endpoints";

    public const string Mine = "/api/me/webhook-endpoints";

    public async Task<HttpResponseMessage> TryRegisterAsync(string collection, string token, string url) =>
        await _api.SendAsync(HttpMethod.Post, collection, token, JsonContent.Create(new { url }));

    /// <summary>Registers for <paramref name="userId"/> as order-service (a recipient writer).</summary>
    public async Task<Registered> RegisterForAsync(string userId, string url) => await RegisterAsync(ForRecipient(userId), await WriterTokenAsync(), url);

    public async Task<Registered> RegisterAsync(string collection, string token, string url)
    {
        using var response = await TryRegisterAsync(collection, token, url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST webhook endpoint: {(int)response.StatusCode} {text}");
        var created = JsonDocument.Parse(text).RootElement;
        return new(created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public async Task<IReadOnlyList<JsonElement>> ListAsync(string collection, string token)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, collection, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public async Task<HttpStatusCode> DeleteAsync(string collection, string token, Guid id)
    {
        using var response = await _api.SendAsync(HttpMethod.Delete, $"{collection}/{id}", token);
        return response.StatusCode;
    }

    public Task<string> WriterTokenAsync() => platform.GetTokenAsync(ServiceAccounts.OrderService);
}
