using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Inbox;

/// <summary>The operator's rebuild throws the read side away and projects it again from the events: the same inbox, nothing doubled, marks kept.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RebuildTests(PlatformFixture platform)
{
    private readonly Inboxes _inboxes = new(platform);

    [Fact]
    public async Task A_rebuild_yields_the_same_inbox_with_the_same_sequences_and_reads()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        var read = await _inboxes.SendInAppAsync("alice", $"Rebuild read {Guid.NewGuid():N}");
        var unread = await _inboxes.SendInAppAsync("alice", $"Rebuild unread {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(alice, read);
        await _inboxes.WaitForItemAsync(alice, unread);
        await _inboxes.PostAsync(alice, $"/api/inbox/items/{read}/read");
        var before = await _inboxes.GetAsync(alice, "/api/inbox?first=100&status=all");
        var unreadBefore = await _inboxes.GetAsync(alice, "/api/inbox/unread");

        var report = await _inboxes.PostAsync(await _inboxes.TokenOfAsync("operator"), "/api/inbox/projection/rebuild");
        Assert.True(report.GetProperty("eventsApplied").GetInt64() > 0);

        var after = await _inboxes.GetAsync(alice, "/api/inbox?first=100&status=all");
        Assert.Equal(Items(before), Items(after));
        Assert.Equal(unreadBefore.GetRawText(), (await _inboxes.GetAsync(alice, "/api/inbox/unread")).GetRawText());
        Assert.Contains(Items(after), i => i.Contains(read.ToString()) && i.Contains("\"readAt\":\"2"));
    }

    [Fact]
    public async Task Only_operators_may_rebuild() =>
        Assert.Equal(System.Net.HttpStatusCode.Forbidden,
            await _inboxes.StatusOfAsync(await _inboxes.TokenOfAsync("alice"), HttpMethod.Post, "/api/inbox/projection/rebuild"));

    /// <summary>Every item as its JSON (id, sequence, content, marks): equal lists mean the same inbox, in the same order, once each.</summary>
    private static List<string> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetRawText())];
}
