using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.TestSupport;

/// <summary>Calls the platform through its gateway, as another company service would.</summary>
public sealed class PlatformApi(PlatformFixture platform)
{
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null,
        string? idempotencyKey = null)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.Gateway);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostNotificationAsync(string token, object body, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, "/api/notifications", token, JsonContent.Create(body), idempotencyKey);

    public async Task<JsonElement> GetNotificationAsync(string token, Guid id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/notifications/{id}", token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static object EmailTo(string address, string subject, string body = "Hello from the tests.", string userId = "user-1") => new
    {
        channel = "email",
        recipients = new[] { new { userId, contact = address } },
        subject,
        body,
    };
}
