using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Inbox;

/// <summary>
/// GraphQL at the gateway's `/graphql` as a client that follows graphql-over-http uses it: the person's data in one
/// query, marks as mutations, new items on a subscription, the spec's status codes, and nothing of anyone else's.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GraphQLTests(PlatformFixture platform)
{
    private const string ResponseType = "application/graphql-response+json";
    private readonly Inboxes _inboxes = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task One_query_gives_the_inbox_with_timelines_the_unread_count_and_preferences_and_markRead_brings_the_count_down()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        var id = await _inboxes.SendInAppAsync("alice", $"GraphQL {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(alice, id);

        var (status, body, response) = await PostAsync(alice, "{ me { inbox(first: 20) { items { id title read timeline { step channel } } hasNextPage } unreadCount preferences { available } } }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(ResponseType, response.Content.Headers.ContentType?.MediaType);
        var me = body.GetProperty("data").GetProperty("me");
        var item = me.GetProperty("inbox").GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id.ToString());
        Assert.False(item.GetProperty("read").GetBoolean());
        Assert.Contains(item.GetProperty("timeline").EnumerateArray(), s => s.GetProperty("step").GetString() == "Accepted");
        Assert.True(me.GetProperty("preferences").GetProperty("available").GetBoolean());
        var unread = me.GetProperty("unreadCount").GetInt32();

        var (_, marked, _) = await PostAsync(alice, $"mutation {{ markRead(ids: [\"{id}\"]) {{ marked unreadCount }} }}");
        Assert.Equal(1, marked.GetProperty("data").GetProperty("markRead").GetProperty("marked").GetInt32());
        Assert.Equal(unread - 1, marked.GetProperty("data").GetProperty("markRead").GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task Another_persons_token_gets_nothing_of_it_by_any_field()
    {
        var (alice, bob) = (await _inboxes.TokenOfAsync("alice"), await _inboxes.TokenOfAsync("bob"));
        var id = await _inboxes.SendInAppAsync("alice", $"Not for Bob {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(alice, id);

        var (_, inbox, _) = await PostAsync(bob, "{ me { inbox(first: 100, filter: { status: \"all\" }) { items { id } } } }");
        Assert.DoesNotContain(inbox.GetProperty("data").GetProperty("me").GetProperty("inbox").GetProperty("items").EnumerateArray(),
            i => i.GetProperty("id").GetString() == id.ToString());
        var (_, notification, _) = await PostAsync(bob, $"{{ notification(id: \"{id}\") {{ id timeline {{ step }} }} }}");
        Assert.Equal(JsonValueKind.Null, notification.GetProperty("data").GetProperty("notification").ValueKind);
        var (_, marked, _) = await PostAsync(bob, $"mutation {{ markRead(ids: [\"{id}\"]) {{ marked }} }}");
        Assert.Equal(0, marked.GetProperty("data").GetProperty("markRead").GetProperty("marked").GetInt32());
    }

    [Fact]
    public async Task The_spec_status_codes_hold_for_a_client_that_follows_graphql_over_http()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        using (var get = await _api.SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { archive(ids: []) { marked } }"), alice,
                   headers: new Dictionary<string, string> { ["Accept"] = ResponseType }))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
            Assert.Contains("POST", get.Content.Headers.Allow);
        }
        using (var query = await _api.SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ me { unreadCount } }"), alice,
                   headers: new Dictionary<string, string> { ["Accept"] = ResponseType }))
        {
            Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(alice, "{ me { unreadCount ")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(alice, "{ me { noSuchField } }")).Status);
        using (var text = await _api.SendAsync(HttpMethod.Post, "/graphql", alice, new StringContent("{ me { unreadCount } }", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        }
        using (var html = await _api.SendAsync(HttpMethod.Post, "/graphql", alice, JsonContent.Create(new { query = "{ me { unreadCount } }" }),
                   headers: new Dictionary<string, string> { ["Accept"] = "text/html" }))
        {
            Assert.Equal(HttpStatusCode.NotAcceptable, html.StatusCode);
        }
    }

    [Fact]
    public async Task The_inboxChanged_subscription_receives_a_new_item_live()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        await using var stream = await EventStream.OpenAsync(platform, "/graphql", alice, method: HttpMethod.Post,
            content: JsonContent.Create(new { query = "subscription { inboxChanged { id title } }" }));
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

        var title = $"Subscribed {Guid.NewGuid():N}";
        var id = await _inboxes.SendInAppAsync("alice", title);

        var next = await stream.NextAsync(e => e.Type == "next" && e.Data.Contains(id.ToString()), Inboxes.Deadline, $"a next event for {id}");
        Assert.Equal(title, JsonDocument.Parse(next.Data).RootElement.GetProperty("data").GetProperty("inboxChanged").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_page_of_50_items_with_their_timelines_costs_a_fixed_number_of_SQL_statements()
    {
        var bob = await _inboxes.TokenOfAsync("bob");
        var ids = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(await _inboxes.SendInAppAsync("bob", $"Bulk {i} {Guid.NewGuid():N}", category: "general"));
        }
        foreach (var id in ids)
        {
            await _inboxes.WaitForItemAsync(bob, id);
        }

        var (status, body, response) = await PostAsync(bob, "{ me { inbox(first: 50, filter: { category: \"general\" }) { items { id timeline { step } } } } }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(50, body.GetProperty("data").GetProperty("me").GetProperty("inbox").GetProperty("items").GetArrayLength());
        var timing = string.Join(",", response.Headers.GetValues("Server-Timing"));
        var statements = int.Parse(System.Text.RegularExpressions.Regex.Match(timing, "(\\d+) statements").Groups[1].Value);
        // The page, then the timelines of all 50 at once (notifications, steps, reads): not one query per item.
        Assert.True(statements <= 4, $"{statements} SQL statements for a page of 50 items with timelines");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string token, string query)
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/graphql", token, JsonContent.Create(new { query }),
            headers: new Dictionary<string, string> { ["Accept"] = ResponseType });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement : default, response);
    }
}
