using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Digests;

/// <summary>
/// A category's throttle (`Delivery:Throttle`, set for two test categories by the fixture): at most N messages per
/// person and period; the rest dropped with a status saying so, or collected in one digest, as configured.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ThrottleTests(PlatformFixture platform)
{
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task Over_the_limit_messages_are_dropped_with_a_status_saying_throttled()
    {
        var token = await CategoryAsync(PlatformFixture.ThrottledDropCategory);
        var (userId, email) = People.New("throttledrop");

        var ids = new List<Guid>();
        for (var i = 1; i <= 4; i++)
        {
            ids.Add(await SendAsync(token, PlatformFixture.ThrottledDropCategory, userId, email, i));
        }

        var final = await Task.WhenAll(ids.Select(id => Eventually.MatchAsync(() => _api.GetNotificationAsync(token, id),
            v => v.GetProperty("status").GetString() is "Delivered" or "Skipped", People.Deadline, $"{id} final")));
        Assert.Equal(2, final.Count(v => v.GetProperty("status").GetString() == "Delivered"));
        var dropped = final.Where(v => v.GetProperty("status").GetString() == "Skipped").ToList();
        Assert.Equal(2, dropped.Count);
        Assert.All(dropped, v => Assert.StartsWith("Throttled: at most 2", People.LastAttempt(v).GetProperty("error").GetString()));
        Assert.Equal(2, (await _mail.WaitForMessagesToAsync(email, 2, People.Deadline)).Count);
    }

    [Fact]
    public async Task Over_the_limit_messages_are_collected_in_one_digest()
    {
        var token = await CategoryAsync(PlatformFixture.ThrottledDigestCategory);
        var (userId, email) = People.New("throttledigest");

        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add(await SendAsync(token, PlatformFixture.ThrottledDigestCategory, userId, email, i));
        }

        foreach (var id in ids)
        {
            await Eventually.MatchAsync(() => _api.GetNotificationAsync(token, id), v => v.GetProperty("status").GetString() == "Delivered", People.Deadline, $"{id} Delivered");
        }
        var messages = await _mail.WaitForMessagesToAsync(email, 2, People.Deadline);
        Assert.Equal(2, messages.Count);
        Assert.Single(messages, m => m.Subject.StartsWith($"2 new notifications: Throttled ", StringComparison.Ordinal));
    }

    /// <summary>Creates the test's category (an operator may send any category) and returns the operator's token.</summary>
    private async Task<string> CategoryAsync(string key)
    {
        var token = await platform.GetUserTokenAsync("operator");
        using var put = await _api.SendAsync(HttpMethod.Put, $"/api/categories/{key}", token,
            JsonContent.Create(new { name = key, defaultChannels = new[] { "email" }, critical = false }));
        Assert.True(put.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"PUT category: {(int)put.StatusCode}");
        return token;
    }

    private async Task<Guid> SendAsync(string token, string category, string userId, string email, int i)
    {
        using var response = await _api.PostNotificationAsync(token, new
        {
            channel = "email",
            category,
            recipients = new[] { new { userId, contact = email } },
            subject = $"Throttled {i} for {userId}",
            body = "Again.",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
