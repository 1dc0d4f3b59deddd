using System.Net;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Inbox;

/// <summary>
/// The read side as a person uses it: a service sends them an in-app notification, it shows in their inbox and on
/// their live stream, the unread count goes up and reading brings it down; nobody else sees any of it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class InboxTests(PlatformFixture platform)
{
    private readonly Inboxes _inboxes = new(platform);

    [Fact]
    public async Task An_in_app_notification_reaches_the_open_stream_and_the_inbox_and_reading_it_brings_the_unread_count_down()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        await using var stream = await EventStream.OpenAsync(platform, "/api/inbox/stream", alice);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        var unreadBefore = await _inboxes.UnreadAsync(alice);

        var title = $"Parcel {Guid.NewGuid():N}";
        var id = await _inboxes.SendInAppAsync("alice", title);

        var live = await stream.NextAsync(e => Inboxes.IsItem(e, id), Inboxes.Deadline, $"item {id}");
        var pushed = JsonDocument.Parse(live.Data).RootElement;
        Assert.Equal(title, pushed.GetProperty("title").GetString());
        Assert.Equal($"Body of {title}", pushed.GetProperty("body").GetString());
        Assert.Equal("order-updates", pushed.GetProperty("category").GetString());
        Assert.Equal(pushed.GetProperty("sequence").GetInt64().ToString(), live.Id);
        // Delivered means produced to the broker (acks all); from there to the person's open stream within a second.
        var fromDelivery = live.ReceivedAt - pushed.GetProperty("deliveredAt").GetDateTimeOffset();
        Assert.True(fromDelivery < TimeSpan.FromSeconds(1), $"the item reached the stream {fromDelivery.TotalMilliseconds:F0} ms after its delivery");

        var page = await _inboxes.GetAsync(alice, "/api/inbox?first=10");
        Assert.Contains(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id && !i.GetProperty("read").GetBoolean());
        Assert.Equal(unreadBefore + 1, await _inboxes.UnreadAsync(alice));

        var afterRead = await _inboxes.PostAsync(alice, $"/api/inbox/items/{id}/read");
        Assert.Equal(unreadBefore, afterRead.GetProperty("unread").GetProperty("byCategory").TryGetProperty("order-updates", out var c) ? c.GetInt32() : 0);
        Assert.Equal(unreadBefore, await _inboxes.UnreadAsync(alice));
        Assert.True((await _inboxes.GetAsync(alice, $"/api/inbox/items/{id}")).GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task A_stream_reopened_with_Last_Event_ID_first_gets_what_it_missed()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        var first = await _inboxes.SendInAppAsync("alice", $"Before the gap {Guid.NewGuid():N}");
        var seen = await _inboxes.WaitForItemAsync(alice, first);

        // Disconnected: this one arrives while nobody listens.
        var missed = await _inboxes.SendInAppAsync("alice", $"During the gap {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(alice, missed);

        await using var resumed = await EventStream.OpenAsync(platform, "/api/inbox/stream", alice, lastEventId: seen.GetProperty("sequence").GetInt64().ToString());
        var next = await resumed.NextAsync(e => e.Type == "item", Inboxes.Deadline, "the first item after the resume");
        Assert.Equal(missed, JsonDocument.Parse(next.Data).RootElement.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Another_persons_token_sees_nothing_of_the_item_and_cannot_mark_it()
    {
        var (alice, bob) = (await _inboxes.TokenOfAsync("alice"), await _inboxes.TokenOfAsync("bob"));
        var id = await _inboxes.SendInAppAsync("alice", $"Only for Alice {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(alice, id);

        var bobsPage = await _inboxes.GetAsync(bob, "/api/inbox?first=100&status=all");
        Assert.DoesNotContain(bobsPage.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, await _inboxes.StatusOfAsync(bob, HttpMethod.Get, $"/api/inbox/items/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await _inboxes.StatusOfAsync(bob, HttpMethod.Post, $"/api/inbox/items/{id}/read"));
        Assert.Equal(HttpStatusCode.NotFound, await _inboxes.StatusOfAsync(bob, HttpMethod.Post, $"/api/inbox/items/{id}/archive"));
        var marked = await _inboxes.PostAsync(bob, "/api/inbox/read", new { ids = new[] { id } });
        Assert.Equal(0, marked.GetProperty("marked").GetInt32());
        Assert.False((await _inboxes.GetAsync(alice, $"/api/inbox/items/{id}")).GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task Pages_follow_their_cursor_newest_first_and_archived_items_leave_the_inbox()
    {
        var bob = await _inboxes.TokenOfAsync("bob");
        var ids = new List<Guid>();
        // One at a time: an inbox is ordered by arrival, and two worker replicas deliver separate sends in any order.
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _inboxes.SendInAppAsync("bob", $"Page item {i} {Guid.NewGuid():N}", category: "billing"));
            await _inboxes.WaitForItemAsync(bob, ids[^1]);
        }

        var first = await _inboxes.GetAsync(bob, "/api/inbox?first=2&category=billing");
        Assert.True(first.GetProperty("hasNextPage").GetBoolean());
        var second = await _inboxes.GetAsync(bob, $"/api/inbox?first=2&category=billing&after={first.GetProperty("endCursor").GetString()}");
        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal([ids[2], ids[1], ids[0]], seen.Take(3));

        await _inboxes.PostAsync(bob, "/api/inbox/archive", new { ids = new[] { ids[0] } });
        var active = await _inboxes.GetAsync(bob, "/api/inbox?first=100&category=billing");
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == ids[0]);
        var archived = await _inboxes.GetAsync(bob, "/api/inbox?first=100&category=billing&status=archived");
        Assert.Contains(archived.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == ids[0]);

        await _inboxes.PostAsync(bob, "/api/inbox/read", new { all = true, category = "billing" });
        Assert.Equal(0, await _inboxes.UnreadAsync(bob, "billing"));
        Assert.Equal(HttpStatusCode.BadRequest, await _inboxes.StatusOfAsync(bob, HttpMethod.Get, "/api/inbox?after=not-a-cursor"));
        Assert.Equal(HttpStatusCode.BadRequest, await _inboxes.StatusOfAsync(bob, HttpMethod.Post, "/api/inbox/read", new { }));
    }
}
