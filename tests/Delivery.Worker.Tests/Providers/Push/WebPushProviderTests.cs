using Delivery.Worker.Recipients;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Push;
using Delivery.Worker.Tests.Providers.Webhook;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Tests.Providers.Push;

/// <summary>
/// The push provider against a push service on loopback: the subscriber decrypts what arrived and finds the
/// title and body; VAPID, TTL and urgency are on the request; a gone subscription is refused for good.
/// </summary>
public sealed class WebPushProviderTests : IDisposable
{
    private readonly PushSubscriber subscriber = new();
    private readonly WebPushOptions options = VapidKeys();

    [Fact]
    public async Task The_subscriber_decrypts_the_title_and_body_that_were_sent()
    {
        await using var pushService = new ScriptedReceiver("201 Created");

        var result = await Provider().SendAsync(Message(pushService, "order-updates"), CancellationToken.None);

        Assert.IsType<ChannelSendResult.Accepted>(result);
        var (headers, body) = Assert.Single(pushService.Requests);
        Assert.Equal("aes128gcm", headers["Content-Encoding"]);
        var payload = JsonDocument.Parse(subscriber.Decrypt(body)).RootElement;
        Assert.Equal("Your order shipped", payload.GetProperty("title").GetString());
        Assert.Equal("Grüße: it is on its way 📦", payload.GetProperty("body").GetString());
        Assert.StartsWith("vapid t=", headers["Authorization"]);
        Assert.Contains($"k={options.PublicKey}", headers["Authorization"]);
    }

    [Fact]
    public async Task Ttl_and_urgency_follow_the_category()
    {
        options.Categories["security"] = new PushCategory { TimeToLive = TimeSpan.FromMinutes(10), Urgency = "high" };
        await using var pushService = new ScriptedReceiver("201 Created", "201 Created");

        await Provider().SendAsync(Message(pushService, "security"), CancellationToken.None);
        await Provider().SendAsync(Message(pushService, "order-updates"), CancellationToken.None);

        Assert.Equal(("600", "high"), (pushService.Requests[0].Headers["TTL"], pushService.Requests[0].Headers["Urgency"]));
        Assert.Equal("86400", pushService.Requests[1].Headers["TTL"]);
    }

    [Theory]
    [InlineData("410 Gone")]
    [InlineData("404 Not Found")]
    public async Task A_gone_subscription_is_refused_for_good_saying_so(string answer)
    {
        await using var pushService = new ScriptedReceiver(answer);

        var result = await Provider().SendAsync(Message(pushService, "order-updates"), CancellationToken.None);

        Assert.StartsWith(WebPushProvider.GoneReason, Assert.IsType<ChannelSendResult.Rejected>(result).Reason);
    }

    [Fact]
    public async Task A_push_service_error_is_thrown_for_a_retry()
    {
        await using var pushService = new ScriptedReceiver("500 Internal Server Error");

        await Assert.ThrowsAsync<PushServiceClientException>(() => Provider().SendAsync(Message(pushService, "order-updates"), CancellationToken.None));
    }

    [Fact]
    public async Task Every_subscription_of_the_person_is_pushed_to_and_a_gone_one_is_reported_while_the_send_counts_as_accepted()
    {
        using var laptop = new PushSubscriber();
        await using var pushService = new ScriptedReceiver("410 Gone", "201 Created");
        var (goneId, liveId) = (Guid.NewGuid(), Guid.NewGuid());
        var contact = PushContact.Of([Contact(goneId, pushService, subscriber), Contact(liveId, pushService, laptop)])!;
        var reports = new RecordedGoneSubscriptions();

        var result = await new WebPushProvider(new PushServiceClient(new HttpClient()) { MaxRetriesAfter = 1 }, Options.Create(options), reports)
            .SendAsync(new OutgoingMessage("delivery-2", contact, "Two browsers", "One of them is gone") { Origin = new MessageOrigin(Guid.NewGuid(), "alice", "general") },
                CancellationToken.None);

        Assert.Equal("1 of 2 subscriptions", Assert.IsType<ChannelSendResult.Accepted>(result).ProviderMessageId);
        Assert.Equal([("alice", goneId)], reports.Reported);
        Assert.Equal("Two browsers", JsonDocument.Parse(laptop.Decrypt(pushService.Requests[1].Body)).RootElement.GetProperty("title").GetString());
    }

    private static PushSubscriptionContact Contact(Guid id, ScriptedReceiver pushService, PushSubscriber browser) =>
        new(id, new Uri(pushService.Url, $"/push/{id}").ToString(), Base64Url.EncodeToString(browser.PublicKey), Base64Url.EncodeToString(browser.AuthSecret));

    private sealed class RecordedGoneSubscriptions : IGoneContacts
    {
        public List<(string, Guid)> Reported { get; } = [];

        public Task ReportAsync(GoneContact kind, string userId, Guid subscriptionId, CancellationToken cancellationToken)
        {
            Reported.Add((userId, subscriptionId));
            return Task.CompletedTask;
        }
    }

    private WebPushProvider Provider() => new(new PushServiceClient(new HttpClient()) { MaxRetriesAfter = 1 }, Options.Create(options));

    private OutgoingMessage Message(ScriptedReceiver pushService, string category) =>
        new("delivery-1", subscriber.SubscriptionJson(new Uri(pushService.Url, "/push/subscription-1")), "Your order shipped", "Grüße: it is on its way 📦")
        {
            Origin = new MessageOrigin(Guid.NewGuid(), "alice", category),
        };

    /// <summary>A fresh VAPID key pair, as the AppHost would generate it.</summary>
    private static WebPushOptions VapidKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(true);
        return new WebPushOptions
        {
            PublicKey = Base64Url.EncodeToString([4, .. p.Q.X!, .. p.Q.Y!]),
            PrivateKey = Base64Url.EncodeToString(p.D!),
        };
    }

    public void Dispose() => subscriber.Dispose();
}
