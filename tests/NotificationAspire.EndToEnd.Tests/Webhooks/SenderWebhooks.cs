using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.StatusWebhooks;

/// <summary>A sender's calls to `/api/webhooks/endpoints` through the gateway, as its own service client.</summary>
public sealed class SenderWebhooks(PlatformFixture platform, string clientId)
{
    private readonly PlatformApi _api = new(platform);

    public sealed record Registered(Guid Id, string Secret);

    public async Task<HttpResponseMessage> TryRegisterAsync(object body) =>
        await _api.SendAsync(HttpMethod.Post, "/api/webhooks/endpoints", await TokenAsync(), JsonContent.Create(body));

    public async Task<Registered> RegisterAsync(string url, params string[] events)
    {
        using var response = await TryRegisterAsync(new { url, events });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST endpoint: {(int)response.StatusCode} {text}");
        var created = JsonDocument.Parse(text).RootElement;
        return new(created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public async Task<JsonElement> RotateAsync(Guid id)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, $"/api/webhooks/endpoints/{id}/rotate-secret", await TokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path) => await _api.SendAsync(method, path, await TokenAsync());

    public async Task<JsonElement> ListAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/webhooks/endpoints");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetAsync(Guid id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/webhooks/endpoints/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until the endpoint's message about <paramref name="notificationId"/> satisfies <paramref name="done"/>.</summary>
    public async Task<JsonElement> WaitForMessageAsync(Guid endpointId, Guid notificationId, Func<JsonElement, bool> done, string what)
    {
        var token = await TokenAsync();
        return await Eventually.MatchAsync(async () =>
        {
            using var response = await _api.SendAsync(HttpMethod.Get, $"/api/webhooks/endpoints/{endpointId}/messages", token);
            var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
            return messages.EnumerateArray().FirstOrDefault(m => m.GetProperty("notificationId").GetGuid() == notificationId);
        }, m => m.ValueKind == JsonValueKind.Object && done(m), People.Deadline, what);
    }

    /// <summary>Removes the endpoint, so later tests' notifications make no webhooks to a receiver that is gone.</summary>
    public async Task DeleteAsync(Guid id)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"/api/webhooks/endpoints/{id}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<string> TokenAsync() => platform.GetTokenAsync(clientId);
}
