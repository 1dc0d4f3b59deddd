using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>A caller that retries (a timeout, a crash) must not make a person get the same email twice.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyTests(PlatformFixture platform)
{
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task The_same_key_sent_five_times_at_once_makes_one_notification_and_one_email()
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var address = $"{Guid.NewGuid():N}@example.com";
        var key = Guid.NewGuid().ToString();
        var body = PlatformApi.EmailTo(address, "exactly once");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _api.PostNotificationAsync(token, body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        var id = Assert.Single(ids.Distinct());

        await Eventually.MatchAsync(() => _api.GetNotificationAsync(token, id),
            v => v.GetProperty("status").GetString() == "Delivered", TimeSpan.FromSeconds(45), "status Delivered");
        Assert.Single(await _mail.MessagesToAsync(address));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_a_problem()
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var key = Guid.NewGuid().ToString();
        using var first = await _api.PostNotificationAsync(token, PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "first"), key);
        using var second = await _api.PostNotificationAsync(token, PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "second"), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
    }
}
