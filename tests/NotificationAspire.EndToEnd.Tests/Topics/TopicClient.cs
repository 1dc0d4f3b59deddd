using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Topics;

/// <summary>A sending service managing topics through the gateway, and the crowds of people a topic test needs.</summary>
public sealed class TopicClient(PlatformFixture platform)
{
    private readonly PlatformApi _api = new(platform);

    /// <summary>A key of its own for one test.</summary>
    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string client = ServiceAccounts.OrderService) =>
        await _api.SendAsync(method, path, await platform.GetTokenAsync(client), body is null ? null : JsonContent.Create(body));

    public async Task CreateAsync(string key, string name = "Test topic")
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/topics", new { key, name });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST topic: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <returns>How many were newly subscribed.</returns>
    public async Task<int> SubscribeAsync(string key, IReadOnlyList<string> userIds)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/topics/{key}/subscribers", new { userIds });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT subscribers: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32();
    }

    /// <summary>
    /// Profiles (an email address each) for <paramref name="count"/> people named `{prefix}-00001`..., a thousand
    /// per bulk upsert. The prefix is in every address, so one mail search finds them all.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreatePeopleAsync(string prefix, int count)
    {
        var people = Enumerable.Range(1, count).Select(i => $"{prefix}-{i:D5}").ToList();
        foreach (var chunk in people.Chunk(1_000))
        {
            using var response = await SendAsync(HttpMethod.Post, "/api/recipients/bulk",
                new { recipients = chunk.Select(userId => new { userId, email = EmailOf(userId) }) });
            Assert.True(response.IsSuccessStatusCode, $"bulk profiles: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return people;
    }

    public static string EmailOf(string userId) => $"{userId}@example.com";
}
