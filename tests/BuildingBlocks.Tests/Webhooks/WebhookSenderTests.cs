using System.Net;
using System.Text;
using NotificationAspire.Webhooks;
using Delivery.Worker.Tests.Providers.Webhook;
using Microsoft.Extensions.Time.Testing;

namespace BuildingBlocks.Tests.Webhooks;

/// <summary>
/// A signed webhook against a real loopback receiver: the SSRF guard at connect time, the spec's answers
/// (2xx, 3xx, 410, 429/5xx), and the same id on every retry.
/// </summary>
public sealed class WebhookSenderTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"message.delivered","data":{"id":"n-1"}}""");
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly WebhookSecret secret = WebhookSecret.New();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Internal_addresses_are_refused(string address) =>
        Assert.NotNull(new SsrfGuard([]).RefusalFor(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_pass(string address) =>
        Assert.Null(new SsrfGuard([]).RefusalFor(IPAddress.Parse(address)));

    [Fact]
    public async Task A_loopback_target_not_allow_listed_is_refused_before_any_connection()
    {
        await using var receiver = new ScriptedReceiver();

        var outcome = await Sender([]).SendAsync(receiver.Url, "msg_1", Body, [secret], CancellationToken.None);

        Assert.Contains("refused", Assert.IsType<WebhookOutcome.Failed>(outcome).Reason);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task The_cloud_metadata_address_is_refused_without_trying_to_connect()
    {
        var outcome = await Sender([]).SendAsync(new Uri("http://169.254.169.254/latest/meta-data/"), "msg_1", Body, [secret], CancellationToken.None);

        Assert.Contains("169.254.169.254 is in 169.254.0.0/16", Assert.IsType<WebhookOutcome.Failed>(outcome).Reason);
    }

    [Fact]
    public async Task An_allow_listed_receiver_verifies_the_signature_and_sees_the_same_id_on_the_retry()
    {
        await using var receiver = new ScriptedReceiver("503 Service Unavailable", "200 OK");
        var sender = Sender([IPNetwork.Parse("127.0.0.1/32")]);

        Assert.IsType<WebhookOutcome.RetryLater>(await sender.SendAsync(receiver.Url, "msg_retry", Body, [secret], CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<WebhookOutcome.Delivered>(await sender.SendAsync(receiver.Url, "msg_retry", Body, [secret], CancellationToken.None));

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r =>
        {
            Assert.Equal("msg_retry", r.Headers["webhook-id"]);
            Assert.Equal(Body, r.Body);
            Assert.True(WebhookSignature.Verify(r.Headers["webhook-id"], r.Headers["webhook-timestamp"], r.Headers["webhook-signature"], r.Body, secret, time.GetUtcNow()));
        });
        Assert.NotEqual(receiver.Requests[0].Headers["webhook-timestamp"], receiver.Requests[1].Headers["webhook-timestamp"]);
    }

    [Theory]
    [InlineData("302 Found\r\nLocation: http://169.254.169.254/", typeof(WebhookOutcome.Failed))]
    [InlineData("410 Gone", typeof(WebhookOutcome.Gone))]
    [InlineData("400 Bad Request", typeof(WebhookOutcome.Failed))]
    [InlineData("500 Internal Server Error", typeof(WebhookOutcome.RetryLater))]
    [InlineData("204 No Content", typeof(WebhookOutcome.Delivered))]
    public async Task Answers_mean_what_the_spec_says_and_redirects_are_not_followed(string answer, Type expected)
    {
        await using var receiver = new ScriptedReceiver(answer);

        var outcome = await Sender([IPNetwork.Parse("127.0.0.1/32")]).SendAsync(receiver.Url, "msg_1", Body, [secret], CancellationToken.None);

        Assert.IsType(expected, outcome);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_429_carries_the_receivers_retry_after()
    {
        await using var receiver = new ScriptedReceiver("429 Too Many Requests\r\nRetry-After: 7");

        var outcome = await Sender([IPNetwork.Parse("127.0.0.1/32")]).SendAsync(receiver.Url, "msg_1", Body, [secret], CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<WebhookOutcome.RetryLater>(outcome).RetryAfter);
    }

    private WebhookSender Sender(IReadOnlyList<IPNetwork> allowed) =>
        new(WebhookSender.CreateClient(new SsrfGuard(allowed), TimeSpan.FromSeconds(15)), time);
}
