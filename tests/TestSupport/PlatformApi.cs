using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.TestSupport;

/// <summary>
/// Calls the platform through its gateway, as another company service would: the one way tests make an API
/// call. A test that means to reach a service behind the gateway directly names it as <paramref name="resourceName"/>.
/// </summary>
public sealed class PlatformApi(PlatformFixture platform, string resourceName = Contracts.ResourceNames.Gateway)
{
    /// <summary>Where calls go: the resource's http endpoint.</summary>
    public Uri BaseAddress => platform.App.GetEndpoint(resourceName, "http");

    /// <param name="headers">Further request headers, sent as given (unvalidated, so tests can send malformed ones).</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null,
        string? idempotencyKey = null, IReadOnlyDictionary<string, string>? headers = null,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var http = platform.CreateHttpClient(resourceName);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await http.SendAsync(request, completion);
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
