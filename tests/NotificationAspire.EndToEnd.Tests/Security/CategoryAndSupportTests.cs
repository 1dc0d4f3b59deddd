using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Security;

/// <summary>
/// Fine-grained rules a role check alone would miss: a client sends only its categories, and support reads
/// everything an operator reads but changes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CategoryAndSupportTests(PlatformFixture platform)
{
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task Order_service_sending_a_billing_notification_is_refused_with_the_reason()
    {
        using var response = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.OrderService), Billing());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("category", problem.GetProperty("field").GetString());
        Assert.Contains("Category 'billing' is not granted to client 'order-service'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Billing_service_sends_billing_but_not_security_and_an_operator_sends_any_category()
    {
        using var granted = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.BillingService), Billing());
        using var security = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.BillingService), Billing("security"));
        using var byOperator = await _api.PostNotificationAsync(await platform.GetUserTokenAsync("operator"), Billing("security"));

        Assert.Equal(HttpStatusCode.Accepted, granted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, security.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byOperator.StatusCode);
    }

    [Fact]
    public async Task Support_reads_any_notification_and_the_dead_letters_but_cannot_replay_cancel_or_change_templates()
    {
        var support = await platform.GetUserTokenAsync("support");
        using var sent = await _api.PostNotificationAsync(await platform.GetTokenAsync(ServiceAccounts.OrderService),
            PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "For support to read"));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var notification = await _api.GetNotificationAsync(support, id); // throws unless 2xx
        using var deadLetters = await _api.SendAsync(HttpMethod.Get, "/api/dead-letters", support);
        using var template = await _api.SendAsync(HttpMethod.Get, "/api/templates/order-shipped", support);
        using var replayAll = await _api.SendAsync(HttpMethod.Post, "/api/dead-letters/replay", support);
        using var replayOne = await _api.SendAsync(HttpMethod.Post, $"/api/dead-letters/{Guid.NewGuid()}/replay", support);
        using var cancel = await _api.SendAsync(HttpMethod.Post, "/api/notifications/cancellations", support,
            JsonContent.Create(new { correlationKey = "anything" }));
        using var changeTemplate = await _api.SendAsync(HttpMethod.Put, "/api/templates/order-shipped", support,
            JsonContent.Create(new { name = "Changed by support" }));

        Assert.Equal(id, notification.GetProperty("id").GetGuid());
        Assert.True(notification.TryGetProperty("attempts", out _));
        Assert.Equal(HttpStatusCode.OK, deadLetters.StatusCode);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replayAll.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replayOne.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changeTemplate.StatusCode);
    }

    private static object Billing(string category = "billing") => new
    {
        category,
        channel = "email",
        recipients = new[] { new { userId = "grant-check", contact = $"{Guid.NewGuid():N}@example.com" } },
        subject = "Your invoice",
        body = "Invoice 42 is ready.",
    };
}
