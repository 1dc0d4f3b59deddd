using Delivery.Worker.Recipients;
using System.Net;
using System.Text.Json;
using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Webhook;
using Microsoft.Extensions.Time.Testing;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Webhooks;

namespace Delivery.Worker.Tests.Providers.Webhook;

/// <summary>
/// The webhook channel's answers to each of a receiver's answers (a fake handler stands for the receiver): 2xx
/// accepted, 429/5xx/timeouts thrown for the retry tiers, 3xx and other 4xx refused, 410 refused and reported, an
/// internal target refused by the guard before any connection; the payload signed per Standard Webhooks.
/// </summary>
public sealed class WebhookChannelProviderTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly RecordingGone gone = new();
    private static readonly WebhookEndpointContact Endpoint = new(Guid.NewGuid(), "https://hooks.example/in", WebhookSecret.New().ToString());

    [Fact]
    public async Task A_2xx_is_accepted_and_the_body_carries_the_notification_signed_under_the_delivery_key()
    {
        var receiver = new FakeReceiver(_ => new HttpResponseMessage(HttpStatusCode.OK));

        var result = await Provider(receiver).SendAsync(Message(Endpoint), CancellationToken.None);

        Assert.IsType<ChannelSendResult.Accepted>(result);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("n-key:alice:webhook", request.Headers["webhook-id"]);
        WebhookSecret.TryParse(Endpoint.Secret, out var secret);
        Assert.True(WebhookSignature.Verify(request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"],
            request.Body, secret, time.GetUtcNow()));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("notification.created", body.GetProperty("type").GetString());
        var data = body.GetProperty("data");
        Assert.Equal("alice", data.GetProperty("recipientUserId").GetString());
        Assert.Equal("order-updates", data.GetProperty("category").GetString());
        Assert.Equal("Shipped", data.GetProperty("subject").GetString());
        Assert.Equal("Your parcel is on its way", data.GetProperty("body").GetString());
        Assert.Equal("https://shop.example/orders/1", data.GetProperty("url").GetString());
        Assert.Equal("de-AT", data.GetProperty("locale").GetString());
        Assert.Equal("n-key:alice:webhook", data.GetProperty("deliveryKey").GetString());
    }

    [Fact]
    public async Task Every_retry_posts_the_same_bytes_under_the_same_webhook_id()
    {
        var receiver = new FakeReceiver(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var (provider, message) = (Provider(receiver), Message(Endpoint));

        await Assert.ThrowsAsync<WebhookRetryException>(() => provider.SendAsync(message, CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<WebhookRetryException>(() => provider.SendAsync(message, CancellationToken.None));

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Headers["webhook-id"], receiver.Requests[1].Headers["webhook-id"]);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.NotEqual(receiver.Requests[0].Headers["webhook-timestamp"], receiver.Requests[1].Headers["webhook-timestamp"]);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Throttling_and_server_errors_are_thrown_for_the_retry_tiers(int status)
    {
        var receiver = new FakeReceiver(_ => new HttpResponseMessage((HttpStatusCode)status));

        var thrown = await Assert.ThrowsAsync<WebhookRetryException>(() => Provider(receiver).SendAsync(Message(Endpoint), CancellationToken.None));

        Assert.Contains($"HTTP {status}", thrown.Message);
    }

    [Fact]
    public async Task A_timeout_or_a_refused_connection_is_thrown_for_the_retry_tiers()
    {
        var timesOut = new FakeReceiver(_ => throw new TaskCanceledException("timed out"));
        var refuses = new FakeReceiver(_ => throw new HttpRequestException("Connection refused"));

        Assert.Contains("timeout", (await Assert.ThrowsAsync<WebhookRetryException>(() => Provider(timesOut).SendAsync(Message(Endpoint), CancellationToken.None))).Message);
        Assert.Contains("Connection refused", (await Assert.ThrowsAsync<WebhookRetryException>(() => Provider(refuses).SendAsync(Message(Endpoint), CancellationToken.None))).Message);
    }

    [Theory]
    [InlineData(301, "redirects are not followed")]
    [InlineData(302, "redirects are not followed")]
    [InlineData(400, "HTTP 400")]
    [InlineData(401, "HTTP 401")]
    [InlineData(404, "HTTP 404")]
    public async Task Redirects_and_other_client_errors_are_refused_for_good(int status, string reason)
    {
        var receiver = new FakeReceiver(_ => new HttpResponseMessage((HttpStatusCode)status) { Headers = { Location = new Uri("https://elsewhere.example/") } });

        var result = await Provider(receiver).SendAsync(Message(Endpoint), CancellationToken.None);

        Assert.Contains(reason, Assert.IsType<ChannelSendResult.Rejected>(result).Reason);
        Assert.Single(receiver.Requests);
        Assert.Empty(gone.Reports);
    }

    [Fact]
    public async Task A_410_is_refused_and_the_endpoint_reported_gone()
    {
        var receiver = new FakeReceiver(_ => new HttpResponseMessage(HttpStatusCode.Gone));

        var result = await Provider(receiver).SendAsync(Message(Endpoint), CancellationToken.None);

        Assert.StartsWith(WebhookChannelProvider.GoneReason, Assert.IsType<ChannelSendResult.Rejected>(result).Reason);
        Assert.Equal([("alice", Endpoint.Id)], gone.Reports);
    }

    [Fact]
    public async Task One_endpoint_that_takes_it_makes_the_send_accepted_although_another_is_gone()
    {
        var other = Endpoint with { Id = Guid.NewGuid(), Url = "https://hooks.example/old" };
        var receiver = new FakeReceiver(r => new HttpResponseMessage(r.RequestUri!.AbsolutePath == "/old" ? HttpStatusCode.Gone : HttpStatusCode.NoContent));

        var result = await Provider(receiver).SendAsync(Message(Endpoint, other), CancellationToken.None);

        Assert.Equal("1 of 2 webhook endpoints", Assert.IsType<ChannelSendResult.Accepted>(result).ProviderMessageId);
        Assert.Equal([("alice", other.Id)], gone.Reports);
    }

    [Fact]
    public async Task The_cloud_metadata_address_is_refused_by_the_guard_with_the_reason_before_any_connection()
    {
        // The real client: the guard in its connect callback refuses the literal before a socket is opened.
        var sender = new WebhookSender(WebhookSender.CreateClient(new SsrfGuard([]), TimeSpan.FromSeconds(5)), time);
        var metadata = Endpoint with { Url = "http://169.254.169.254/latest/meta-data/" };

        var result = await new WebhookChannelProvider(sender, gone).SendAsync(Message(metadata), CancellationToken.None);

        var reason = Assert.IsType<ChannelSendResult.Rejected>(result).Reason;
        Assert.Contains("refused", reason);
        Assert.Contains("169.254.0.0/16", reason);
    }

    [Fact]
    public async Task A_contact_that_is_not_a_list_of_endpoints_is_refused()
    {
        var result = await Provider(new FakeReceiver(_ => new HttpResponseMessage(HttpStatusCode.OK))).SendAsync(
            new OutgoingMessage("k", "https://hooks.example/inline", "s", "b"), CancellationToken.None);

        Assert.IsType<ChannelSendResult.Rejected>(result);
    }

    private WebhookChannelProvider Provider(FakeReceiver receiver) => new(new WebhookSender(new HttpClient(receiver), time), gone);

    private static OutgoingMessage Message(params WebhookEndpointContact[] endpoints) =>
        new("n-key:alice:webhook", WebhookContact.Of(endpoints)!, "Shipped", "Your parcel is on its way")
        {
            Url = "https://shop.example/orders/1",
            Locale = "de-AT",
            Origin = new MessageOrigin(Guid.NewGuid(), "alice", "order-updates"),
        };

    /// <summary>A receiver in place of the network: answers each request from a script and keeps its headers and raw body.</summary>
    private sealed class FakeReceiver(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(Dictionary<string, string> Headers, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add((request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), body));
            }
            return answer(request);
        }
    }

    private sealed class RecordingGone : IGoneContacts
    {
        public List<(string UserId, Guid EndpointId)> Reports { get; } = [];

        public Task ReportAsync(GoneContact kind, string userId, Guid endpointId, CancellationToken cancellationToken)
        {
            lock (Reports)
            {
                Reports.Add((userId, endpointId));
            }
            return Task.CompletedTask;
        }
    }
}
