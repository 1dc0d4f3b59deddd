using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Topics;

/// <summary>Senders manage topics and their subscribers; a person manages only their own subscriptions; bad input is a problem naming the field.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TopicManagementTests(PlatformFixture platform)
{
    private readonly TopicClient _topics = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task A_sender_creates_a_topic_subscribes_people_idempotently_pages_through_them_and_only_the_creator_deletes_it()
    {
        var key = TopicClient.NewKey("crud");
        await _topics.CreateAsync(key, "Product news");
        using (var again = await _topics.SendAsync(HttpMethod.Post, "/api/topics", new { key, name = "Again" }))
        {
            await AssertProblemAsync(again, HttpStatusCode.Conflict, "key");
        }

        Assert.Equal(3, await _topics.SubscribeAsync(key, ["carol", "alice", "bob"]));
        Assert.Equal(0, await _topics.SubscribeAsync(key, ["alice", "bob"])); // already subscribed: nothing changes

        var first = await GetAsync($"/api/topics/{key}/subscribers?limit=2");
        Assert.Equal(["alice", "bob"], Ids(first));
        var second = await GetAsync($"/api/topics/{key}/subscribers?limit=2&after={first.GetProperty("next").GetString()}");
        Assert.Equal(["carol"], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        using (var removed = await _topics.SendAsync(HttpMethod.Delete, $"/api/topics/{key}/subscribers", new { userIds = new[] { "bob", "nobody" } }))
        {
            Assert.Equal(1, (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());
        }
        var topic = await GetAsync($"/api/topics/{key}");
        Assert.Equal(("Product news", 2), (topic.GetProperty("name").GetString(), topic.GetProperty("subscribers").GetInt32()));
        Assert.Contains(key, (await GetAsync("/api/topics")).EnumerateArray().Select(t => t.GetProperty("key").GetString()));

        using (var notTheirs = await _topics.SendAsync(HttpMethod.Delete, $"/api/topics/{key}", client: ServiceAccounts.BillingService))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        }
        using (var deleted = await _topics.SendAsync(HttpMethod.Delete, $"/api/topics/{key}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var gone = await _topics.SendAsync(HttpMethod.Get, $"/api/topics/{key}");
        await AssertProblemAsync(gone, HttpStatusCode.NotFound, "key");
    }

    [Fact]
    public async Task A_person_subscribes_lists_and_unsubscribes_only_themselves()
    {
        var key = TopicClient.NewKey("mine");
        await _topics.CreateAsync(key, "Weekly digest");
        var alice = await platform.GetUserTokenAsync("alice");
        var bob = await platform.GetUserTokenAsync("bob");

        using (var joined = await _api.SendAsync(HttpMethod.Put, $"/api/me/topics/{key}", alice))
        {
            Assert.Equal(HttpStatusCode.NoContent, joined.StatusCode);
        }
        Assert.Contains(key, await MyTopicsAsync(alice));
        Assert.DoesNotContain(key, await MyTopicsAsync(bob));
        Assert.Equal(["alice"], Ids(await GetAsync($"/api/topics/{key}/subscribers")));

        using (var left = await _api.SendAsync(HttpMethod.Delete, $"/api/me/topics/{key}", alice))
        {
            Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        }
        Assert.DoesNotContain(key, await MyTopicsAsync(alice));
        using var unknown = await _api.SendAsync(HttpMethod.Put, $"/api/me/topics/{key}-missing", alice);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "key");
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        var key = TopicClient.NewKey("bad");
        await _topics.CreateAsync(key);

        using (var badKey = await _topics.SendAsync(HttpMethod.Post, "/api/topics", new { key = "Not A Key", name = "x" }))
        {
            await AssertProblemAsync(badKey, HttpStatusCode.BadRequest, "key");
        }
        var tooMany = Enumerable.Range(0, 10_001).Select(i => $"p{i}").ToArray();
        using (var overLimit = await _topics.SendAsync(HttpMethod.Put, $"/api/topics/{key}/subscribers", new { userIds = tooMany }))
        {
            await AssertProblemAsync(overLimit, HttpStatusCode.BadRequest, "userIds");
        }
        using (var badId = await _topics.SendAsync(HttpMethod.Put, $"/api/topics/{key}/subscribers", new { userIds = new[] { "ok", " " } }))
        {
            await AssertProblemAsync(badId, HttpStatusCode.BadRequest, "userIds[1]");
        }
        using (var unknownTopic = await _topics.SendAsync(HttpMethod.Put, $"/api/topics/{key}-missing/subscribers", new { userIds = new[] { "ok" } }))
        {
            await AssertProblemAsync(unknownTopic, HttpStatusCode.NotFound, "key");
        }
        using (var badLimit = await _topics.SendAsync(HttpMethod.Get, $"/api/topics/{key}/subscribers?limit=0"))
        {
            await AssertProblemAsync(badLimit, HttpStatusCode.BadRequest, "limit");
        }
        using var sendToUnknown = await _topics.SendAsync(HttpMethod.Post, "/api/notifications",
            new { channel = "email", category = "order-updates", topics = new[] { key, $"{key}-missing" }, subject = "s", body = "b" });
        await AssertProblemAsync(sendToUnknown, HttpStatusCode.BadRequest, "topics[1]");
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _topics.SendAsync(HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<string?>> MyTopicsAsync(string token)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/me/topics", token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
    }

    private static List<string?> Ids(JsonElement page) => page.GetProperty("userIds").EnumerateArray().Select(u => u.GetString()).ToList();

    /// <summary>An RFC 7807 answer with this status that names the field (in `errors` for a 400, in `field` otherwise).</summary>
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        var named = problem.TryGetProperty("errors", out var errors) ? errors.TryGetProperty(field, out _)
            : problem.TryGetProperty("field", out var f) && f.GetString() == field;
        Assert.True(named, $"the problem does not name '{field}': {text}");
    }
}
