using System.Net;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Inbox;

/// <summary>
/// A notification's timeline for its sender and operators (accepted, delivered, read), nobody else; and the
/// composite notification center: inbox, unread counts and preferences in one call.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TimelineAndCenterTests(PlatformFixture platform)
{
    private readonly Inboxes _inboxes = new(platform);

    [Fact]
    public async Task The_sender_and_operators_see_the_timeline_from_accepted_to_read_and_nobody_else_does()
    {
        var alice = await _inboxes.TokenOfAsync("alice");
        var id = await _inboxes.SendInAppAsync("alice", $"Timeline {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(alice, id);
        await _inboxes.PostAsync(alice, $"/api/inbox/items/{id}/read");

        var sender = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var timeline = await Eventually.MatchAsync(() => _inboxes.GetAsync(sender, $"/api/timelines/{id}"),
            t => Steps(t).Contains("Delivered") && Steps(t).Contains("Read"), Inboxes.Deadline, "a timeline with Delivered and Read");
        var steps = Steps(timeline);
        Assert.Equal("Accepted", steps[0]);
        Assert.True(steps.IndexOf("Delivered") < steps.IndexOf("Read"), string.Join(", ", steps));
        Assert.Contains(timeline.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "Delivered"
            && s.GetProperty("channel").GetString() == "in-app" && s.GetProperty("recipient").GetString() == "alice");
        Assert.Equal(ServiceAccounts.OrderService, timeline.GetProperty("senderId").GetString());

        var operatorToken = await _inboxes.TokenOfAsync("operator");
        Assert.Equal(HttpStatusCode.OK, await _inboxes.StatusOfAsync(operatorToken, HttpMethod.Get, $"/api/timelines/{id}"));
        // Another sender learns nothing, not even that it exists; people and services without a send role are refused outright.
        Assert.Equal(HttpStatusCode.NotFound, await _inboxes.StatusOfAsync(await platform.GetTokenAsync(ServiceAccounts.BillingService), HttpMethod.Get, $"/api/timelines/{id}"));
        Assert.Equal(HttpStatusCode.Forbidden, await _inboxes.StatusOfAsync(alice, HttpMethod.Get, $"/api/timelines/{id}"));
        Assert.Equal(HttpStatusCode.Forbidden, await _inboxes.StatusOfAsync(await platform.GetTokenAsync(ServiceAccounts.AnalyticsService), HttpMethod.Get, $"/api/timelines/{id}"));
    }

    [Fact]
    public async Task The_notification_center_answers_with_the_inbox_the_unread_counts_and_the_persons_preferences()
    {
        var bob = await _inboxes.TokenOfAsync("bob");
        var id = await _inboxes.SendInAppAsync("bob", $"Center {Guid.NewGuid():N}");
        await _inboxes.WaitForItemAsync(bob, id);

        var center = await _inboxes.GetAsync(bob, "/api/notification-center?first=5");

        Assert.Contains(center.GetProperty("inbox").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.True(center.GetProperty("unread").GetProperty("total").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Object, center.GetProperty("preferences").ValueKind);
        Assert.Empty(center.GetProperty("missing").EnumerateArray());
    }

    private static List<string> Steps(JsonElement timeline) =>
        [.. timeline.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()!)];
}
