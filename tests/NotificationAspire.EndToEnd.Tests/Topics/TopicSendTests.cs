using System.Text.Json;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.Topics;

/// <summary>
/// A send to a topic reaches every subscriber once, through the fan-out's pages; a person both named and subscribed
/// gets one copy; the notification is final only once the fan-out is, and says how many it fanned out.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TopicSendTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly TimeSpan CrowdDeadline = TimeSpan.FromMinutes(4);

    private readonly People _people = new(platform);
    private readonly TopicClient _topics = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task A_topic_with_a_thousand_subscribers_delivers_one_copy_to_each()
    {
        var key = TopicClient.NewKey("crowd");
        var people = await _topics.CreatePeopleAsync(key, 1_000);
        await _topics.CreateAsync(key);
        Assert.Equal(1_000, await _topics.SubscribeAsync(key, people));

        var started = DateTime.UtcNow;
        var id = await _people.SendAsync(new { channel = "email", category = "order-updates", topics = new[] { key }, subject = $"News {key}", body = "To everyone." });

        var done = await _people.WaitForStatusAsync(id, "Delivered", CrowdDeadline);
        output.WriteLine($"1,000 subscribers delivered in {(DateTime.UtcNow - started).TotalSeconds:0} s");
        var fanOut = done.GetProperty("fanOut");
        Assert.Equal((1_000, true), (fanOut.GetProperty("fannedOut").GetInt32(), fanOut.GetProperty("complete").GetBoolean()));
        Assert.Equal(1_000, DeliveredTo(done).Count);

        var copies = CopiesByAddress(await _mail.SearchAllAsync(key), $"News {key}");
        Assert.Equal(people.Select(TopicClient.EmailOf).Order(), copies.Keys.Order());
        Assert.All(copies, c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public async Task A_person_both_named_and_subscribed_gets_one_copy()
    {
        var key = TopicClient.NewKey("both");
        var people = await _topics.CreatePeopleAsync(key, 3);
        await _topics.CreateAsync(key);
        await _topics.SubscribeAsync(key, people);
        var (outsider, outsiderEmail) = People.New("outsider");
        await _people.CreateAsync(outsider, new { email = outsiderEmail });

        var id = await _people.SendAsync(new
        {
            channel = "email", category = "order-updates", topics = new[] { key },
            recipients = new[] { new { userId = people[1] }, new { userId = outsider } },
            subject = $"Both {key}", body = "Once each.",
        });

        var done = await _people.WaitForStatusAsync(id, "Delivered");
        // The named subscriber is delivered by the named path; the fan-out leaves them out.
        Assert.Equal(2, done.GetProperty("fanOut").GetProperty("fannedOut").GetInt32());
        Assert.Equal([.. people.Append(outsider).Order(StringComparer.Ordinal)], DeliveredTo(done).Order(StringComparer.Ordinal));
        var copies = CopiesByAddress([.. await _mail.SearchAllAsync(key), .. await _mail.MessagesToAsync(outsiderEmail)], $"Both {key}");
        Assert.Equal(4, copies.Count);
        Assert.All(copies, c => Assert.Equal(1, c.Value));
    }

    [Fact]
    public async Task A_topic_nobody_subscribed_to_is_skipped_without_waiting_for_anyone()
    {
        var key = TopicClient.NewKey("empty");
        await _topics.CreateAsync(key);

        var id = await _people.SendAsync(new { channel = "email", category = "order-updates", topics = new[] { key }, subject = "Nobody", body = "Hears this." });

        var done = await _people.WaitForStatusAsync(id, "Skipped");
        Assert.Equal(0, done.GetProperty("fanOut").GetProperty("fannedOut").GetInt32());
    }

    private static List<string> DeliveredTo(JsonElement view) => view.GetProperty("attempts").EnumerateArray()
        .Where(a => a.GetProperty("state").GetString() == "Delivered").Select(a => a.GetProperty("recipient").GetString()!).Distinct().ToList();

    private static Dictionary<string, int> CopiesByAddress(IEnumerable<MailSink.Message> messages, string subject) => messages
        .Where(m => m.Subject == subject).DistinctBy(m => m.Id)
        .SelectMany(m => m.To.Select(to => to.ToLowerInvariant()))
        .GroupBy(to => to).ToDictionary(g => g.Key, g => g.Count());
}
