using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Delivery.Worker.Tests.Providers.Push;
using Microsoft.Extensions.DependencyInjection;

// Not `.Channels`: that would hide NotificationAspire.Contracts.Events.Channels from the other tests.
namespace NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;

/// <summary>
/// Web push through the worker's real client to the push service stand-in, which checks VAPID as a real one does:
/// the test holds the browser's private key and decrypts what arrived; a subscription the push service calls gone
/// is removed from the person; a person with no subscription falls through to the next channel.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PushTests(PlatformFixture platform)
{
    private readonly People _people = new(platform);
    private readonly PushServiceStandIn _pushService = new(platform);
    private readonly SmsCarrier _carrier = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task A_push_to_a_registered_browser_arrives_encrypted_and_the_browser_decrypts_the_title_and_body()
    {
        var (userId, _) = People.New("push");
        using var browser = new PushSubscriber();
        var endpoint = _pushService.NewEndpoint(out var subscription);
        await RegisterAsync(userId, browser.SubscriptionJson(endpoint));

        // Security alerts are urgent and short-lived (WebPush:Categories:security in the worker's settings).
        var id = await _people.SendAsync(Push("security", $"New sign-in {userId}", "A new device signed in. Grüße 🔐", userId));

        var attempt = People.OnlyAttempt(await _people.WaitForStatusAsync(id, "Delivered"));
        Assert.Equal("push", attempt.GetProperty("channel").GetString());
        Assert.Equal("webpush", attempt.GetProperty("provider").GetString());
        var push = Assert.Single(await _pushService.WaitForPushesToAsync(subscription, 1));
        Assert.Equal("high", push.GetProperty("urgency").GetString());
        Assert.Equal(3600, push.GetProperty("ttl").GetInt32());
        var payload = JsonDocument.Parse(browser.Decrypt(Convert.FromBase64String(push.GetProperty("body").GetString()!))).RootElement;
        Assert.Equal($"New sign-in {userId}", payload.GetProperty("title").GetString());
        Assert.Equal("A new device signed in. Grüße 🔐", payload.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_subscription_the_push_service_calls_gone_is_removed_and_the_other_browser_still_gets_the_push()
    {
        var (userId, _) = People.New("pushgone");
        using var oldBrowser = new PushSubscriber();
        using var newBrowser = new PushSubscriber();
        var goneEndpoint = _pushService.NewEndpoint(out var gone);
        var liveEndpoint = _pushService.NewEndpoint(out var live);
        await RegisterAsync(userId, oldBrowser.SubscriptionJson(goneEndpoint));
        await RegisterAsync(userId, newBrowser.SubscriptionJson(liveEndpoint));
        await _pushService.MakeGoneAsync(gone);

        var id = await _people.SendAsync(Push("order-updates", "Parcel", $"Parcel {userId} shipped", userId));

        await _people.WaitForStatusAsync(id, "Delivered");
        var arrived = Assert.Single(await _pushService.WaitForPushesToAsync(live, 1));
        Assert.Equal($"Parcel {userId} shipped", JsonDocument.Parse(newBrowser.Decrypt(Convert.FromBase64String(arrived.GetProperty("body").GetString()!))).RootElement.GetProperty("body").GetString());
        Assert.Empty(await _pushService.PushesToAsync(gone));
        var left = await Eventually.MatchAsync(() => ListAsync(userId), s => s.Count == 1, People.Deadline, "the gone subscription removed");
        Assert.Equal(liveEndpoint.ToString(), left[0].GetProperty("endpoint").GetString());
    }

    [Fact]
    public async Task First_success_falls_from_push_for_a_person_without_a_subscription_to_sms()
    {
        var (userId, email) = People.New("pushfall");
        var phone = SmsCarrier.NewNumber();
        await _people.CreateAsync(userId, new { email, phone }); // no push subscription

        var id = await _people.SendAsync(new
        {
            channels = new[] { "push", "sms", "email" },
            strategy = "first-success",
            category = "order-updates",
            recipients = new[] { new { userId } },
            subject = "Fallback",
            body = $"Fallback {userId} body",
        });

        var view = await _people.WaitForStatusAsync(id, "Delivered");
        var attempts = view.GetProperty("attempts").EnumerateArray().ToList();
        var push = Assert.Single(attempts, a => a.GetProperty("channel").GetString() == "push");
        Assert.Contains("No push address", push.GetProperty("error").GetString());
        Assert.Contains("Falling back to sms", push.GetProperty("error").GetString());
        Assert.Equal("Delivered", Assert.Single(attempts, a => a.GetProperty("channel").GetString() == "sms").GetProperty("state").GetString());
        Assert.DoesNotContain(attempts, a => a.GetProperty("channel").GetString() == "email");
        Assert.Equal($"Fallback {userId} body", Assert.Single(await _carrier.WaitForMessagesToAsync(phone, 1)).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_page_reads_the_key_to_subscribe_with_and_it_is_the_public_half_of_the_pair_pushes_are_signed_with()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/me/push-subscriptions/application-server-key", await platform.GetUserTokenAsync("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationServerKey").GetString()!;
        var point = Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/').PadRight((key.Length + 3) / 4 * 4, '='));
        Assert.Equal(65, point.Length); // an uncompressed P-256 point, as PushManager.subscribe() takes it
        Assert.Equal(0x04, point[0]);
        var parameter = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(p => p.Name == "vapid-public-key");
        Assert.Equal(await parameter.GetValueAsync(CancellationToken.None), key);
    }

    [Fact]
    public async Task A_person_manages_only_their_own_subscriptions()
    {
        var alice = await platform.GetUserTokenAsync("alice");
        var bob = await platform.GetUserTokenAsync("bob");
        using var browser = new PushSubscriber();
        using var created = await _api.SendAsync(HttpMethod.Post, "/api/me/push-subscriptions", alice,
            new StringContent(browser.SubscriptionJson(_pushService.NewEndpoint(out _)), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        try
        {
            Assert.Contains(await MineAsync(alice), s => s.GetProperty("id").GetGuid() == id);
            Assert.DoesNotContain(await MineAsync(bob), s => s.GetProperty("id").GetGuid() == id);
            using var bobDeletes = await _api.SendAsync(HttpMethod.Delete, $"/api/me/push-subscriptions/{id}", bob);
            Assert.Equal(HttpStatusCode.NotFound, bobDeletes.StatusCode);
        }
        finally
        {
            using var aliceDeletes = await _api.SendAsync(HttpMethod.Delete, $"/api/me/push-subscriptions/{id}", alice);
            Assert.Equal(HttpStatusCode.NoContent, aliceDeletes.StatusCode);
        }
        Assert.DoesNotContain(await MineAsync(alice), s => s.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_subscription_whose_key_is_not_a_p256_point_is_a_problem_naming_the_field()
    {
        var body = new { endpoint = _pushService.NewEndpoint(out _).ToString(), expirationTime = (long?)null, keys = new { p256dh = "BAAAAA", auth = "AAAAAAAAAAAAAAAAAAAAAA" } };
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/recipients/push-invalid/push-subscriptions", await _people.WriterTokenAsync(), JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("P-256", errors.GetProperty("keys.p256dh")[0].GetString());
    }

    private async Task RegisterAsync(string userId, string subscriptionJson)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, $"/api/recipients/{userId}/push-subscriptions", await _people.WriterTokenAsync(),
            new StringContent(subscriptionJson, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST subscription: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<IReadOnlyList<JsonElement>> ListAsync(string userId)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, $"/api/recipients/{userId}/push-subscriptions", await _people.WriterTokenAsync());
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private async Task<IReadOnlyList<JsonElement>> MineAsync(string token)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/me/push-subscriptions", token);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static object Push(string category, string subject, string body, string userId) => new
    {
        channel = "push",
        category,
        recipients = new[] { new { userId } },
        subject,
        body,
    };
}
