using System.Net;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Digests;

/// <summary>
/// `digest`: sends for one person and key within the window become ONE email at its end, listing each; a critical
/// category is never collected; a cancelled send leaves the digest before it goes out.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DigestTests(PlatformFixture platform)
{
    private const int WindowSeconds = 10;

    private readonly People _people = new(platform);
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task Five_sends_in_one_window_become_one_email_listing_five_items()
    {
        var (userId, email) = People.New("digest");
        await _people.CreateAsync(userId, new { email });
        var key = $"comments:{userId}";

        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            ids.Add(await _people.SendAsync(Comment(userId, key, i)));
        }

        // Collected first: each says which digest it is in and until when.
        var collected = await _people.WaitForAsync(ids[^1], v => StatesOf(v).Contains("Digested"), "collected in the digest");
        Assert.Contains($"In digest {key} until", AttemptIn(collected, "Digested").GetProperty("error").GetString());
        foreach (var id in ids)
        {
            await _people.WaitForStatusAsync(id, "Delivered");
        }

        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        // Items are listed in the order collected; requests fanned out side by side need not keep the order sent.
        Assert.Matches($"^5 new notifications: Comment [1-5] for {userId}$", message.Subject);
        var body = await _mail.BodyTextAsync(message.Id);
        for (var i = 1; i <= 5; i++)
        {
            Assert.Contains($"- Comment {i} for {userId}", body);
        }
        Assert.Single(await _mail.MessagesToAsync(email));
    }

    [Fact]
    public async Task A_critical_category_is_never_collected_and_goes_out_at_once()
    {
        var (userId, email) = People.New("digestcritical");
        await _people.CreateAsync(userId, new { email });

        // A day-long window: were it collected, nothing would arrive within the deadline.
        var id = await _people.SendAsync(new
        {
            channel = "email",
            category = "security",
            recipients = new[] { new { userId } },
            subject = $"Password changed for {userId}",
            body = "If this was not you, tell us.",
            digest = new { key = $"security:{userId}", windowSeconds = 86_400 },
        });

        var delivered = await _people.WaitForStatusAsync(id, "Delivered");
        Assert.DoesNotContain("Digested", StatesOf(delivered));
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.Equal($"Password changed for {userId}", message.Subject);
    }

    [Fact]
    public async Task A_cancelled_send_is_not_in_the_digest()
    {
        var (userId, email) = People.New("digestcancel");
        await _people.CreateAsync(userId, new { email });
        var key = $"comments:{userId}";
        var first = await _people.SendAsync(Comment(userId, key, 1));
        var cancelled = await _people.SendAsync(Comment(userId, key, 2));
        var third = await _people.SendAsync(Comment(userId, key, 3));

        await _people.WaitForAsync(cancelled, v => StatesOf(v).Contains("Digested"), "collected in the digest");
        using var cancel = await _api.SendAsync(HttpMethod.Post, $"/api/notifications/{cancelled}/cancel", await platform.GetTokenAsync(ServiceAccounts.OrderService));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        await _people.WaitForStatusAsync(cancelled, "Cancelled");
        await _people.WaitForStatusAsync(first, "Delivered");
        await _people.WaitForStatusAsync(third, "Delivered");
        var message = Assert.Single(await _mail.WaitForMessagesToAsync(email, 1, People.Deadline));
        Assert.Matches($"^2 new notifications: Comment [13] for {userId}$", message.Subject);
        var body = await _mail.BodyTextAsync(message.Id);
        Assert.Contains($"- Comment 1 for {userId}", body);
        Assert.Contains($"- Comment 3 for {userId}", body);
        Assert.DoesNotContain($"Comment 2 for {userId}", body);
    }

    private static object Comment(string userId, string key, int i) => new
    {
        channel = "email",
        recipients = new[] { new { userId } },
        subject = $"Comment {i} for {userId}",
        body = $"Reply number {i}.",
        digest = new { key, windowSeconds = WindowSeconds },
    };

    private static List<string?> StatesOf(JsonElement view) =>
        [.. view.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("state").GetString())];

    private static JsonElement AttemptIn(JsonElement view, string state) =>
        view.GetProperty("attempts").EnumerateArray().First(a => a.GetProperty("state").GetString() == state);
}
