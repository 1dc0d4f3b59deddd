using Notifications.Api.Model;
using Notifications.Api.Webhooks;
using NotificationAspire.Webhooks;

namespace Notifications.Api.Tests.Webhooks;

/// <summary>Registration rules, rotation's overlap window, and the stable `webhook-id`.</summary>
public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SsrfGuard Guard = new([]);
    private static readonly WebhookOptions Https = new();

    [Fact]
    public void During_a_rotation_both_secrets_sign_and_afterwards_only_the_new_one()
    {
        var first = WebhookSecret.New();
        var endpoint = new WebhookEndpoint { SenderId = "order-service", Url = "https://example.com/hooks", Secret = first.ToString() };

        var second = endpoint.RotateSecret(Now, TimeSpan.FromHours(1));

        Assert.Equal([second.ToString(), first.ToString()], endpoint.SigningSecrets(Now.AddMinutes(59)).Select(s => s.ToString()));
        Assert.Equal([second.ToString()], endpoint.SigningSecrets(Now.AddHours(1)).Select(s => s.ToString()));
    }

    [Fact]
    public void The_message_id_is_the_same_for_the_same_endpoint_and_event_and_differs_otherwise()
    {
        var endpoint = Guid.NewGuid();
        var id = StatusWebhooks.MessageId(endpoint, "key:Delivered:1");

        Assert.Equal(id, StatusWebhooks.MessageId(endpoint, "key:Delivered:1"));
        Assert.NotEqual(id, StatusWebhooks.MessageId(endpoint, "key:Delivered:2"));
        Assert.NotEqual(id, StatusWebhooks.MessageId(Guid.NewGuid(), "key:Delivered:1"));
        Assert.StartsWith("msg_", id);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "169.254.0.0/16")]
    [InlineData("https://127.0.0.1:8443/hooks", "127.0.0.0/8")]
    [InlineData("https://[::1]/hooks", "::1/128")]
    [InlineData("https://10.0.0.7/hooks", "10.0.0.0/8")]
    public void An_internal_address_is_refused_at_registration_naming_the_url(string url, string range)
    {
        var errors = WebhookEndpointValidator.Validate(new(url, ["message.delivered"]), new WebhookOptions { AllowPlainHttp = true }, Guard);

        Assert.Contains(range, Assert.Single(errors.ByField["url"]));
    }

    [Fact]
    public void An_allow_listed_address_passes()
    {
        var options = new WebhookOptions { AllowPlainHttp = true, AllowedNetworks = ["127.0.0.2/32"] };

        var errors = WebhookEndpointValidator.Validate(new("http://127.0.0.2:5000/hooks", ["message.failed"]), options, new SsrfGuard(options.AllowedNetworkList()));

        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("http://example.com/hooks")] // plain http is off by default
    [InlineData("https://user:pass@example.com/hooks")]
    public void A_url_that_is_not_a_usable_https_address_is_refused(string? url) =>
        Assert.True(WebhookEndpointValidator.Validate(new(url, ["message.delivered"]), Https, Guard).ByField.ContainsKey("url"));

    [Fact]
    public void Events_must_be_known_and_listed_once_each_named_by_its_index()
    {
        var errors = WebhookEndpointValidator.Validate(new("https://example.com/hooks", ["message.delivered", "message.opened", "message.delivered"]), Https, Guard);

        Assert.Equal(["events[1]", "events[2]"], errors.ByField.Keys.Order());
        Assert.True(WebhookEndpointValidator.Validate(new("https://example.com/hooks", []), Https, Guard).ByField.ContainsKey("events"));
    }

    [Fact]
    public void A_wrong_allow_list_entry_is_named()
    {
        var problem = Assert.Single(new WebhookOptions { AllowedNetworks = ["127.0.0.2"] }.Problems());

        Assert.Contains("Webhooks:AllowedNetworks", problem);
    }
}
