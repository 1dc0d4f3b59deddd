using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Inbox;

/// <summary>The demo people's inboxes through the gateway, and in-app sends to them by the client granted each category.</summary>
public sealed class Inboxes(PlatformFixture platform)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly PlatformApi _api = new(platform);

    public Task<string> TokenOfAsync(string username) => platform.GetUserTokenAsync(username);

    /// <summary>An in-app message to a demo person (their user id is their username); returns the notification's id.</summary>
    public async Task<Guid> SendInAppAsync(string userId, string title, string category = "order-updates")
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.GrantedSenderOf(category));
        using var response = await _api.PostNotificationAsync(token, new
        {
            channel = "in-app",
            category,
            recipients = new[] { new { userId } },
            subject = title,
            body = $"Body of {title}",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST notification: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetAsync(string token, string path)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, path, token);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpStatusCode> StatusOfAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var response = await _api.SendAsync(method, path, token, body is null ? null : JsonContent.Create(body));
        return response.StatusCode;
    }

    public async Task<JsonElement> PostAsync(string token, string path, object? body = null)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, path, token, body is null ? null : JsonContent.Create(body));
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The person's unread count in a category (0 when the category has none).</summary>
    public async Task<int> UnreadAsync(string token, string category = "order-updates")
    {
        var counts = await GetAsync(token, "/api/inbox/unread");
        return counts.GetProperty("byCategory").TryGetProperty(category, out var count) ? count.GetInt32() : 0;
    }

    /// <summary>Waits until the item is in the person's inbox page and returns it.</summary>
    public Task<JsonElement> WaitForItemAsync(string token, Guid id) =>
        Eventually.MatchAsync(() => FindItemAsync(token, id), item => item.ValueKind == JsonValueKind.Object, Deadline, $"inbox item {id}");

    /// <summary>The item, or an undefined element while it is not (yet) in the person's inbox.</summary>
    private async Task<JsonElement> FindItemAsync(string token, Guid id)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, $"/api/inbox/items/{id}", token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static bool IsItem(ServerSentEvent e, Guid id) =>
        e.Type == "item" && JsonDocument.Parse(e.Data).RootElement.GetProperty("id").GetGuid() == id;
}
