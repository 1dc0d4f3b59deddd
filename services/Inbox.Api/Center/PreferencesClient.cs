using System.Net.Http.Headers;
using System.Text.Json;

namespace Inbox.Api.Center;

/// <summary>
/// preferences-api's `/api/me/preferences`, asked with the person's own token (the notification center acts for
/// them, so preferences-api applies its own rule: a person sees only their own). Behind a short timeout and a
/// circuit breaker (<see cref="CenterExtensions"/>): the center answers without this part rather than late.
/// </summary>
public sealed class PreferencesClient(HttpClient http)
{
    public async Task<JsonElement> GetMineAsync(string bearerToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/preferences");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}
