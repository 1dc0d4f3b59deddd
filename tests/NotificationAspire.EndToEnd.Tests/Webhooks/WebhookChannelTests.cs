using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.StatusWebhooks;

/// <summary>
/// The `webhook` channel: a notification posted to the endpoints registered for its person, signed by the published
/// Standard Webhooks scheme (checked by the receiver's own code with the secret registration returned), the same
/// `webhook-id` on the retry after a 503, a 410 disabling the endpoint, internal targets refused.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookChannelTests(PlatformFixture platform)
{
    private readonly People _people = new(platform);
    private readonly PersonWebhooks _webhooks = new(platform);

    [Fact]
    public async Task A_person_registers_their_own_endpoint_and_a_notification_arrives_signed_with_the_same_webhook_id_after_a_503()
    {
        await using var receiver = new WebhookReceiver();
        var path = $"/alice/{Guid.NewGuid():N}";
        receiver.Answer(path, attempt => attempt == 1 ? 503 : 200);
        var alice = await platform.GetUserTokenAsync("alice");
        var endpoint = await _webhooks.RegisterAsync(PersonWebhooks.Mine, alice, receiver.UrlFor(path));
        try
        {
            Assert.StartsWith("whsec_", endpoint.Secret);
            var listed = Assert.Single(await _webhooks.ListAsync(PersonWebhooks.Mine, alice), e => e.GetProperty("id").GetGuid() == endpoint.Id);
            Assert.False(listed.TryGetProperty("secret", out _), "the secret is shown once, at registration");
            var bob = await platform.GetUserTokenAsync("bob");
            Assert.DoesNotContain(await _webhooks.ListAsync(PersonWebhooks.Mine, bob), e => e.GetProperty("id").GetGuid() == endpoint.Id);
            Assert.Equal(HttpStatusCode.NotFound, await _webhooks.DeleteAsync(PersonWebhooks.Mine, bob, endpoint.Id));

            var id = await _people.SendAsync(Webhook("alice", $"Parcel {path}"));

            var view = await _people.WaitForStatusAsync(id, "Delivered");
            var attempts = view.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Equal(["Retrying", "Delivered"], attempts.Select(a => a.GetProperty("state").GetString()));
            Assert.All(attempts, a => Assert.Equal("webhook", a.GetProperty("channel").GetString()));
            Assert.Contains("HTTP 503", attempts[0].GetProperty("error").GetString());
            Assert.Equal("webhook", attempts[1].GetProperty("provider").GetString());
            var received = receiver.For(id);
            Assert.Equal([503, 200], received.Select(r => r.AnsweredWith));
            Assert.All(received, r => Assert.True(WebhookReceiver.Verifies(r, endpoint.Secret), $"signature of {r.Id} does not verify"));
            Assert.Equal([$"{id:N}:alice:webhook"], received.Select(r => r.Id).Distinct());
            Assert.Equal(received[0].Body, received[1].Body);
            var body = received[0].Json;
            Assert.Equal("notification.created", body.GetProperty("type").GetString());
            var data = body.GetProperty("data");
            Assert.Equal("alice", data.GetProperty("recipientUserId").GetString());
            Assert.Equal("order-updates", data.GetProperty("category").GetString());
            Assert.Equal($"Parcel {path}", data.GetProperty("subject").GetString());
            Assert.Equal("Your parcel is on its way. Grüße 📦", data.GetProperty("body").GetString());
            Assert.False(WebhookReceiver.Verifies(received[0], "whsec_" + Convert.ToBase64String(new byte[32])), "a wrong secret must not verify");
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, await _webhooks.DeleteAsync(PersonWebhooks.Mine, alice, endpoint.Id));
        }
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_the_next_send_fails_saying_there_is_no_enabled_endpoint()
    {
        await using var receiver = new WebhookReceiver();
        receiver.Answer("/gone", _ => 410);
        var (userId, _) = People.New("hookgone");
        var endpoint = await _webhooks.RegisterForAsync(userId, receiver.UrlFor("/gone"));

        var first = await _people.SendAsync(Webhook(userId, "Gone"));

        var failed = People.OnlyAttempt(await _people.WaitForStatusAsync(first, "Failed"));
        Assert.Contains("410 Gone", failed.GetProperty("error").GetString());
        var listed = await Eventually.MatchAsync(async () => Assert.Single(await _webhooks.ListAsync(PersonWebhooks.ForRecipient(userId), await _webhooks.WriterTokenAsync())),
            e => e.GetProperty("disabledAt").ValueKind == JsonValueKind.String, People.Deadline, "the endpoint disabled");
        Assert.Equal(endpoint.Id, listed.GetProperty("id").GetGuid());
        Assert.Contains("410", listed.GetProperty("disabledReason").GetString());

        var second = await _people.SendAsync(Webhook(userId, "After gone"));

        var refused = People.OnlyAttempt(await _people.WaitForStatusAsync(second, "Failed"));
        Assert.Contains("No webhook address", refused.GetProperty("error").GetString());
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.0.0/16")]
    [InlineData("http://127.0.0.1:9/hooks", "127.0.0.0/8")]
    [InlineData("ftp://hooks.example/in", "http or https")]
    [InlineData("not a url", "absolute")]
    public async Task A_target_that_may_not_be_called_is_a_problem_naming_the_url(string url, string reason)
    {
        using var response = await _webhooks.TryRegisterAsync(PersonWebhooks.ForRecipient("hook-bad"), await _webhooks.WriterTokenAsync(), url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task A_name_that_resolves_to_an_internal_address_is_refused_when_sending_before_any_connection()
    {
        // Something listening on 127.0.0.1 that would answer, if the worker's guard let the connection through.
        var bait = new TcpListener(IPAddress.Loopback, 0);
        bait.Start();
        try
        {
            var (userId, _) = People.New("hookssrf");
            await _webhooks.RegisterForAsync(userId, $"http://localhost:{((IPEndPoint)bait.LocalEndpoint).Port}/hooks");

            var id = await _people.SendAsync(Webhook(userId, "SSRF"));

            var attempt = People.OnlyAttempt(await _people.WaitForStatusAsync(id, "Failed"));
            Assert.Contains("refused", attempt.GetProperty("error").GetString());
            // localhost may resolve to ::1 first: the reason names whichever address it vetted, and its kind of range.
            Assert.Contains("loopback", attempt.GetProperty("error").GetString());
            Assert.False(bait.Pending(), "the guard let a connection reach 127.0.0.1");
        }
        finally
        {
            bait.Stop();
        }
    }

    private static object Webhook(string userId, string subject) => new
    {
        channel = "webhook",
        category = "order-updates",
        recipients = new[] { new { userId } },
        subject,
        body = "Your parcel is on its way. Grüße 📦",
    };
}
