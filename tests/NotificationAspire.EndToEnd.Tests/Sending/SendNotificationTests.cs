using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>The platform's first job, end to end: gateway, API, outbox, Kafka, worker, SMTP, status.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SendNotificationTests(PlatformFixture platform)
{
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(45);
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task An_email_sent_through_the_gateway_arrives_and_its_status_becomes_delivered()
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var address = $"{Guid.NewGuid():N}@example.com";
        var subject = $"Order {Guid.NewGuid():N} shipped";

        using var response = await _api.PostNotificationAsync(token, PlatformApi.EmailTo(address, subject, "It is on its way."));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/api/notifications/{id}", response.Headers.Location?.OriginalString);

        var messages = await _mail.WaitForMessagesToAsync(address, 1, DeliveryDeadline);
        var message = Assert.Single(messages);
        Assert.Equal(subject, message.Subject);
        Assert.Contains("It is on its way.", await _mail.PlainTextBodyAsync(message.Id));

        var view = await Eventually.MatchAsync(() => _api.GetNotificationAsync(token, id),
            v => v.GetProperty("status").GetString() == "Delivered", DeliveryDeadline, "status Delivered");
        var attempt = Assert.Single(view.GetProperty("attempts").EnumerateArray());
        Assert.Equal("Delivered", attempt.GetProperty("state").GetString());
        Assert.Equal("email", attempt.GetProperty("channel").GetString());
        Assert.Equal("user-1", attempt.GetProperty("recipient").GetString());
    }

    [Fact]
    public async Task A_template_is_rendered_with_the_request_data()
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var address = $"{Guid.NewGuid():N}@example.com";
        using var response = await _api.PostNotificationAsync(token, new
        {
            channel = "email",
            recipients = new[] { new { userId = "user-7", contact = address } },
            templateKey = "order-shipped",
            templateData = new { name = "Alice", orderId = "A-1001", trackingUrl = "https://track.example/A-1001" },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var message = Assert.Single(await _mail.WaitForMessagesToAsync(address, 1, DeliveryDeadline));
        Assert.Equal("Your order A-1001 has shipped", message.Subject);
        Assert.Contains("Hello Alice", await _mail.PlainTextBodyAsync(message.Id));
    }

    [Fact]
    public async Task Sending_needs_a_token_at_the_gateway_and_the_send_role_at_the_api()
    {
        var body = PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "never sent");
        using var anonymous = await _api.SendAsync(HttpMethod.Post, "/api/notifications", token: null, JsonContent.Create(body));
        using var withoutRole = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.AnalyticsService), body);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutRole.StatusCode);
    }

    [Fact]
    public async Task A_notification_is_visible_to_its_sender_and_admins_only()
    {
        var orderToken = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        using var response = await _api.PostNotificationAsync(orderToken, PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "mine"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var otherSender = await _api.SendAsync(HttpMethod.Get, $"/api/notifications/{id}", await platform.GetTokenAsync(ServiceAccounts.BillingService));
        using var plainUser = await _api.SendAsync(HttpMethod.Get, $"/api/notifications/{id}", await platform.GetUserTokenAsync("alice"));
        using var admin = await _api.SendAsync(HttpMethod.Get, $"/api/notifications/{id}", await platform.GetUserTokenAsync("operator"));

        Assert.Equal(HttpStatusCode.NotFound, otherSender.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, plainUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }
}
