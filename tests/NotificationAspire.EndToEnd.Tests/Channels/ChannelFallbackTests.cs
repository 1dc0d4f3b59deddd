using System.Text.Json;
using Delivery.Worker.Tests.Providers.Push;
using NotificationAspire.EndToEnd.Tests.StatusWebhooks;

// Not `.Channels`: that would hide NotificationAspire.Contracts.Events.Channels from the other tests.
namespace NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;

/// <summary>
/// One notification naming several channels: `first-success` tries them in order until one delivers (a person
/// with no contact for a channel falls through to the next), `all` delivers on every one of them once
/// (email, SMS, in-app, push and webhook in one send).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChannelFallbackTests(PlatformFixture platform)
{
    private readonly People _people = new(platform);
    private readonly SmsCarrier _carrier = new(platform);
    private readonly MailSink _mail = new(platform);
    private readonly PushServiceStandIn _pushService = new(platform);
    private readonly PersonWebhooks _webhooks = new(platform);
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task First_success_falls_from_a_channel_the_person_has_no_contact_for_to_sms()
    {
        var (userId, _) = People.New("fallback");
        var phone = SmsCarrier.NewNumber();
        await _people.CreateAsync(userId, new { phone }); // no email address

        var id = await _people.SendAsync(Several(["email", "sms"], "first-success", $"Fallback {userId}", userId));

        var view = await _people.WaitForStatusAsync(id, "Delivered");
        Assert.Equal(["email", "sms"], view.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        var attempts = view.GetProperty("attempts").EnumerateArray().ToList();
        var email = Assert.Single(attempts, a => a.GetProperty("channel").GetString() == "email");
        Assert.Equal("Failed", email.GetProperty("state").GetString());
        Assert.Contains("Falling back to sms", email.GetProperty("error").GetString());
        var sms = Assert.Single(attempts, a => a.GetProperty("channel").GetString() == "sms");
        Assert.Equal("Delivered", sms.GetProperty("state").GetString());
        var text = Assert.Single(await _carrier.WaitForMessagesToAsync(phone, 1));
        Assert.Equal($"Fallback {userId} body", text.GetProperty("text").GetString());
    }

    [Fact]
    public async Task All_delivers_on_every_named_channel_once()
    {
        var (userId, address) = People.New("everywhere");
        var phone = SmsCarrier.NewNumber();
        await _people.CreateAsync(userId, new { email = address, phone });
        using var browser = new PushSubscriber();
        var pushEndpoint = _pushService.NewEndpoint(out var subscription);
        await RegisterPushAsync(userId, browser.SubscriptionJson(pushEndpoint));
        await using var receiver = new WebhookReceiver();
        var hook = await _webhooks.RegisterForAsync(userId, receiver.UrlFor($"/everywhere/{userId}"));

        var id = await _people.SendAsync(Several(["email", "sms", "in-app", "push", "webhook"], "all", $"Everywhere {userId}", userId));

        var view = await _people.WaitForAsync(id, v => v.GetProperty("status").GetString() == "Delivered"
            && v.GetProperty("attempts").GetArrayLength() == 5, "delivered on five channels");
        Assert.Equal(["email", "in-app", "push", "sms", "webhook"], view.GetProperty("attempts").EnumerateArray()
            .Select(a => a.GetProperty("channel").GetString()).Order());
        Assert.All(view.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("Delivered", a.GetProperty("state").GetString()));
        Assert.Single(await _mail.WaitForMessagesToAsync(address, 1, People.Deadline));
        Assert.Single(await _carrier.WaitForMessagesToAsync(phone, 1));
        var push = Assert.Single(await _pushService.WaitForPushesToAsync(subscription, 1));
        Assert.Equal($"Everywhere {userId} body",
            JsonDocument.Parse(browser.Decrypt(Convert.FromBase64String(push.GetProperty("body").GetString()!))).RootElement.GetProperty("body").GetString());
        var posted = Assert.Single(receiver.For(id));
        Assert.True(WebhookReceiver.Verifies(posted, hook.Secret), "the webhook's signature verifies");
    }

    private async Task RegisterPushAsync(string userId, string subscriptionJson)
    {
        using var response = await _api.SendAsync(HttpMethod.Post, $"/api/recipients/{userId}/push-subscriptions", await _people.WriterTokenAsync(),
            new StringContent(subscriptionJson, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST subscription: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static object Several(string[] channels, string strategy, string subject, string userId) => new
    {
        channels,
        strategy,
        category = "order-updates",
        recipients = new[] { new { userId } },
        subject,
        body = $"{subject} body",
    };
}
