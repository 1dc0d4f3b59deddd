using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.StatusWebhooks;

/// <summary>
/// A sender registers a status webhook and hears about its notifications: every message signed by the published
/// Standard Webhooks scheme (checked by the receiver's own code and by the scheme's JavaScript library), the same `webhook-id` on a retry, both secrets
/// signing during a rotation, a 410 disabling the endpoint, and internal targets refused before any connection.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class StatusWebhookTests(PlatformFixture platform)
{
    // In-app sends of `order-updates` come from order-service (the client granted that category).
    private readonly SenderWebhooks _orderService = new(platform, ServiceAccounts.OrderService);
    private readonly People _people = new(platform);

    [Fact]
    public async Task Every_status_webhook_verifies_by_the_published_scheme_and_a_retry_keeps_its_webhook_id()
    {
        await using var receiver = new WebhookReceiver();
        receiver.Answer("/hooks/retry", attempt => attempt == 1 ? 503 : 204);
        var endpoint = await _orderService.RegisterAsync(receiver.UrlFor("/hooks/retry"), "message.delivered", "message.failed");
        try
        {
            var id = await SendInAppAsync("webhook");

            var message = await _orderService.WaitForMessageAsync(endpoint.Id, id, m => m.GetProperty("state").GetString() == "Delivered", "the webhook delivered");
            Assert.Equal(2, message.GetProperty("attempts").GetInt32());
            var received = receiver.For(id);
            Assert.Equal([503, 204], received.Select(r => r.AnsweredWith));
            Assert.All(received, r => Assert.True(WebhookReceiver.Verifies(r, endpoint.Secret), $"signature of {r.Id} does not verify"));
            Assert.Single(received.Select(r => r.Id).Distinct());
            Assert.Equal(message.GetProperty("id").GetString(), received[0].Id);
            Assert.Equal(received[0].Body, received[1].Body);
            var body = received[0].Json;
            Assert.Equal("message.delivered", body.GetProperty("type").GetString());
            Assert.Equal("in-app", body.GetProperty("data").GetProperty("channel").GetString());
            Assert.Equal("Delivered", body.GetProperty("data").GetProperty("status").GetString());
            Assert.False(WebhookReceiver.Verifies(received[0], "whsec_" + Convert.ToBase64String(new byte[32])), "a wrong secret must not verify");
            // And as a receiver in another language decides, with the scheme's reference library.
            Assert.All(await StandardWebhooksLibrary.VerifyAsync(received, endpoint.Secret), verdict => Assert.Equal("ok", verdict));
            Assert.StartsWith("fail", Assert.Single(await StandardWebhooksLibrary.VerifyAsync([received[0]], "whsec_" + Convert.ToBase64String(new byte[32]))));
        }
        finally
        {
            await _orderService.DeleteAsync(endpoint.Id);
        }
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_gets_the_same_message_with_growing_waits_until_the_attempts_run_out()
    {
        await using var receiver = new WebhookReceiver();
        receiver.Answer("/hooks/down", _ => 503);
        var endpoint = await _orderService.RegisterAsync(receiver.UrlFor("/hooks/down"), "message.delivered");
        try
        {
            var id = await SendInAppAsync("giveup");

            var message = await _orderService.WaitForMessageAsync(endpoint.Id, id, m => m.GetProperty("state").GetString() != "Pending", "the webhook given up");
            Assert.Equal("Abandoned", message.GetProperty("state").GetString());
            Assert.Equal(PlatformFixture.WebhookMaxAttempts, message.GetProperty("attempts").GetInt32());
            Assert.Contains("HTTP 503", message.GetProperty("lastError").GetString());
            var received = receiver.For(id);
            Assert.Equal(PlatformFixture.WebhookMaxAttempts, received.Count);
            Assert.Single(received.Select(r => r.Id).Distinct());
            Assert.All(received, r => Assert.True(WebhookReceiver.Verifies(r, endpoint.Secret)));
            // The fixture's first wait is 1 s, doubling, ±20% (and up to a poll of 1 s later): at least 0.8 s, then at least 1.6 s.
            var (first, second) = (received[1].At - received[0].At, received[2].At - received[1].At);
            Assert.True(first >= TimeSpan.FromSeconds(0.75) && second >= TimeSpan.FromSeconds(1.55), $"waits {first} then {second}");
        }
        finally
        {
            await _orderService.DeleteAsync(endpoint.Id);
        }
    }

    [Fact]
    public async Task During_a_secret_rotation_each_message_carries_two_signatures_one_per_secret()
    {
        await using var receiver = new WebhookReceiver();
        var endpoint = await _orderService.RegisterAsync(receiver.UrlFor("/hooks/rotation"), "message.delivered");
        try
        {
            var rotated = await _orderService.RotateAsync(endpoint.Id);
            var newSecret = rotated.GetProperty("secret").GetString()!;
            Assert.NotEqual(endpoint.Secret, newSecret);
            Assert.True(rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

            var id = await SendInAppAsync("rotation");

            await _orderService.WaitForMessageAsync(endpoint.Id, id, m => m.GetProperty("state").GetString() == "Delivered", "the webhook delivered");
            var received = Assert.Single(receiver.For(id));
            Assert.Equal(2, received.Signatures.Length);
            Assert.True(WebhookReceiver.Verifies(received, newSecret), "the new secret verifies");
            Assert.True(WebhookReceiver.Verifies(received, endpoint.Secret), "the old secret still verifies during the overlap");
            Assert.Equal(["ok", "ok"], [.. await StandardWebhooksLibrary.VerifyAsync([received], newSecret), .. await StandardWebhooksLibrary.VerifyAsync([received], endpoint.Secret)]);
            Assert.DoesNotContain(endpoint.Secret, (await _orderService.ListAsync()).GetRawText());
        }
        finally
        {
            await _orderService.DeleteAsync(endpoint.Id);
        }
    }

    [Fact]
    public async Task A_410_from_the_receiver_disables_the_endpoint_and_nothing_more_is_sent_to_it()
    {
        await using var receiver = new WebhookReceiver();
        receiver.Answer("/hooks/gone", _ => 410);
        var endpoint = await _orderService.RegisterAsync(receiver.UrlFor("/hooks/gone"), "message.delivered");
        try
        {
            await SendInAppAsync("gone");

            // Any of order-service's deliveries may be the one the receiver answers 410 to: the endpoint is what matters.
            var listed = await Eventually.MatchAsync(() => _orderService.GetAsync(endpoint.Id),
                e => e.GetProperty("disabledAt").ValueKind == JsonValueKind.String, People.Deadline, "the endpoint disabled");
            Assert.Contains("410", listed.GetProperty("disabledReason").GetString());
            Assert.All(receiver.Requests, r => Assert.Equal(410, r.AnsweredWith));
            var heard = receiver.Requests.Count;

            var after = await SendInAppAsync("gone-after");
            // The status and its webhooks are written together: once it shows, a message would exist.
            await _people.WaitForStatusAsync(after, "Delivered");
            using var response = await _orderService.SendAsync(HttpMethod.Get, $"/api/webhooks/endpoints/{endpoint.Id}/messages");
            var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
            Assert.DoesNotContain(messages, m => m.GetProperty("notificationId").GetGuid() == after);
            Assert.DoesNotContain(messages, m => m.GetProperty("state").GetString() == "Pending");
            Assert.Contains(messages, m => m.GetProperty("state").GetString() == "Failed" && m.GetProperty("lastError").GetString()!.Contains("410"));
            Assert.Equal(heard, receiver.Requests.Count);
        }
        finally
        {
            await _orderService.DeleteAsync(endpoint.Id);
        }
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.0.0/16")]
    [InlineData("http://127.0.0.1:9/hooks", "127.0.0.0/8")]
    public async Task An_internal_address_not_allow_listed_is_refused_at_registration_naming_the_url(string url, string range)
    {
        using var response = await _orderService.TryRegisterAsync(new { url, events = new[] { "message.delivered" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(range, problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_sending_before_any_connection()
    {
        // Something listening on 127.0.0.1 that would answer, if the guard let the connection through.
        var bait = new TcpListener(IPAddress.Loopback, 0);
        bait.Start();
        try
        {
            var port = ((IPEndPoint)bait.LocalEndpoint).Port;
            var endpoint = await _orderService.RegisterAsync($"http://localhost:{port}/hooks", "message.delivered");
            try
            {
                var id = await SendInAppAsync("ssrf");

                var message = await _orderService.WaitForMessageAsync(endpoint.Id, id, m => m.GetProperty("state").GetString() != "Pending", "the webhook refused");
                Assert.Equal("Failed", message.GetProperty("state").GetString());
                Assert.Contains("refused", message.GetProperty("lastError").GetString());
                Assert.False(bait.Pending(), "the guard let a connection reach 127.0.0.1");
            }
            finally
            {
                await _orderService.DeleteAsync(endpoint.Id);
            }
        }
        finally
        {
            bait.Stop();
        }
    }

    [Fact]
    public async Task Another_sender_neither_sees_nor_changes_an_endpoint_and_bad_input_names_the_field()
    {
        await using var receiver = new WebhookReceiver();
        var endpoint = await _orderService.RegisterAsync(receiver.UrlFor("/hooks/mine"), "message.failed");
        var billing = new SenderWebhooks(platform, ServiceAccounts.BillingService);
        try
        {
            Assert.DoesNotContain(endpoint.Id.ToString(), (await billing.ListAsync()).GetRawText());
            foreach (var (method, path) in new[] { (HttpMethod.Get, ""), (HttpMethod.Delete, ""), (HttpMethod.Post, "/rotate-secret"), (HttpMethod.Get, "/messages") })
            {
                using var response = await billing.SendAsync(method, $"/api/webhooks/endpoints/{endpoint.Id}{path}");
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            using var unknownEvent = await billing.TryRegisterAsync(new { url = receiver.UrlFor("/x"), events = new[] { "message.opened" } });
            Assert.Equal(HttpStatusCode.BadRequest, unknownEvent.StatusCode);
            Assert.True(JsonDocument.Parse(await unknownEvent.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("events[0]", out _));
            using var noUrl = await billing.TryRegisterAsync(new { events = new[] { "message.failed" } });
            Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
            Assert.True(JsonDocument.Parse(await noUrl.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("url", out _));
        }
        finally
        {
            await _orderService.DeleteAsync(endpoint.Id);
        }
    }

    private async Task<Guid> SendInAppAsync(string prefix)
    {
        var (userId, email) = People.New(prefix);
        await _people.CreateAsync(userId, new { email });
        return await _people.SendAsync(new
        {
            channel = "in-app",
            category = "order-updates",
            recipients = new[] { new { userId } },
            subject = $"Status webhook test {userId}",
            body = "Hello from the tests.",
        });
    }
}
