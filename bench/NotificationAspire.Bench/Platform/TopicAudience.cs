using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.Bench.Platform;

/// <summary>
/// A topic and its generated subscribers, made through the gateway as a company's service would: profiles with an
/// email address each (bulk upserts of a thousand), the topic, then subscriptions (ten thousand per call, the most
/// the API takes).
/// </summary>
public sealed class TopicAudience
{
    private TopicAudience(string key, IReadOnlyList<string> people) => (Key, People) = (key, people);

    public string Key { get; }

    public IReadOnlyList<string> People { get; }

    public static string EmailOf(string userId) => $"{userId}@bench.example";

    public static async Task<TopicAudience> CreateAsync(PlatformClient client, int size)
    {
        var key = $"bench-{Guid.NewGuid():N}"[..14];
        var people = Enumerable.Range(1, size).Select(i => $"{key}-{i:D6}").ToList();
        foreach (var chunk in people.Chunk(1_000))
        {
            (await ExpectAsync(client.CallAsync(HttpMethod.Post, "/api/recipients/bulk",
                new { recipients = chunk.Select(userId => new { userId, email = EmailOf(userId) }) }), "profiles")).Dispose();
        }
        (await ExpectAsync(client.CallAsync(HttpMethod.Post, "/api/topics", new { key, name = "Benchmark audience" }), "topic")).Dispose();
        foreach (var chunk in people.Chunk(10_000))
        {
            (await ExpectAsync(client.CallAsync(HttpMethod.Put, $"/api/topics/{key}/subscribers", new { userIds = chunk }), "subscribers")).Dispose();
        }
        return new TopicAudience(key, people);
    }

    /// <summary>One email to everyone subscribed; the notification's id.</summary>
    public async Task<Guid> SendAsync(PlatformClient client)
    {
        using var response = await ExpectAsync(client.CallAsync(HttpMethod.Post, "/api/notifications",
            new { channel = "email", category = "order-updates", topics = new[] { Key }, subject = $"Announcement {Key}", body = "To every subscriber." }), "topic send");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> ExpectAsync(Task<HttpResponseMessage> call, string what)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"Setting up the fan-out ({what}) failed: {(int)response.StatusCode} {body}");
        }
        return response;
    }
}
