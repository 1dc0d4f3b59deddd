using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.TestSupport;

/// <summary>
/// Recipients as a calling service sets them up through the gateway (`order-service` holds `recipients.write`):
/// a profile, preferences, and a send addressed by user id, made by the client the realm grants its category to.
/// Each test names its own people so tests never share one.
/// </summary>
public sealed class People(PlatformFixture platform)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly PlatformApi _api = new(platform);

    // Who sent each notification: only its sender (or an operator) may read it back.
    private readonly ConcurrentDictionary<Guid, string> _senders = new();

    /// <summary>A user id and an address of their own for one test.</summary>
    public static (string UserId, string Email) New(string prefix)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        return (id, $"{id}@example.com");
    }

    public async Task<string> WriterTokenAsync() => await platform.GetTokenAsync(ServiceAccounts.OrderService);

    public async Task CreateAsync(string userId, object profile)
    {
        using var response = await _api.SendAsync(HttpMethod.Put, $"/api/recipients/{userId}", await WriterTokenAsync(), JsonContent.Create(profile));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"PUT profile: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task SetPreferencesAsync(string userId, object preferences)
    {
        using var response = await _api.SendAsync(HttpMethod.Put, $"/api/recipients/{userId}/preferences", await WriterTokenAsync(), JsonContent.Create(preferences));
        Assert.True(response.IsSuccessStatusCode, $"PUT preferences: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Sends to people by user id (no inline address) and returns the notification's id. The sender is the client
    /// granted the body's category (<see cref="ServiceAccounts.GrantedSenderOf"/>).
    /// </summary>
    public async Task<Guid> SendAsync(object body)
    {
        var sender = ServiceAccounts.GrantedSenderOf(JsonSerializer.SerializeToElement(body).TryGetProperty("category", out var category) ? category.GetString() : null);
        using var response = await _api.PostNotificationAsync(await platform.GetTokenAsync(sender), body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST notification: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        _senders[id] = sender;
        return id;
    }

    public static object AdHoc(string category, string subject, params string[] userIds) => new
    {
        category,
        recipients = userIds.Select(userId => new { userId }).ToArray(),
        subject,
        body = "Hello from the tests.",
    };

    /// <summary>Waits until the notification's status satisfies <paramref name="done"/>; returns its view.</summary>
    public async Task<JsonElement> WaitForAsync(Guid id, Func<JsonElement, bool> done, string what, TimeSpan? deadline = null)
    {
        var token = await platform.GetTokenAsync(_senders.GetValueOrDefault(id, ServiceAccounts.OrderService));
        return await Eventually.MatchAsync(() => _api.GetNotificationAsync(token, id), done, deadline ?? Deadline, what);
    }

    public Task<JsonElement> WaitForStatusAsync(Guid id, string status, TimeSpan? deadline = null) =>
        WaitForAsync(id, v => v.GetProperty("status").GetString() == status, $"status {status}", deadline);

    public static JsonElement OnlyAttempt(JsonElement view) => Assert.Single(view.GetProperty("attempts").EnumerateArray());

    public static JsonElement LastAttempt(JsonElement view) => view.GetProperty("attempts").EnumerateArray().Last();
}
