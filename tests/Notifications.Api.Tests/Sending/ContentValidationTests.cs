using System.Text.Json.Nodes;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>What a send request says and on which channel: a supported channel or none, a category key, and either subject and body within limits or a template.</summary>
public sealed class ContentValidationTests
{
    [Fact]
    public void Without_a_channel_the_category_s_channels_are_used() =>
        Assert.Empty(Validate(Email() with { Channel = null }));

    [Fact]
    public void An_unsupported_channel_is_refused_naming_the_supported_ones() =>
        Assert.Equal(["Unsupported channel 'pigeon'. Supported: email, in-app, push, sms, webhook; or leave it out for the category's channels."],
            Validate(Email() with { Channel = "pigeon" })["channel"]);

    [Fact]
    public void Push_is_a_channel_but_takes_no_inline_contact_naming_the_field() =>
        Assert.Contains("push subscriptions", Validate(Email() with { Channel = "push", Recipients = [new("u1", "https://push.example/x")] })["recipients[0].contact"][0]);

    [Fact]
    public void Webhook_is_a_channel_alone_or_among_several_but_takes_no_inline_contact_naming_the_field()
    {
        Assert.Empty(Validate(Email() with { Channel = "webhook", Recipients = [new("u1", null)] }));
        Assert.Empty(Validate(Email() with { Channel = null, Channels = ["webhook", "email"], Strategy = "all", Recipients = [new("u1", null)] }));
        Assert.Contains("webhook endpoints", Validate(Email() with { Channel = "webhook", Recipients = [new("u1", "https://hooks.example/in")] })["recipients[0].contact"][0]);
    }

    [Fact]
    public void Several_channels_in_order_with_a_strategy_are_accepted() =>
        Assert.Empty(Validate(Email() with { Channel = null, Channels = ["sms", "email"], Strategy = "first-success", Recipients = [new("u1", null)] }));

    [Fact]
    public void Channels_are_checked_one_by_one_and_the_strategy_by_name()
    {
        var errors = Validate(Email() with { Channel = null, Channels = ["sms", "pigeon", "sms"], Strategy = "some", Recipients = [new("u1", null)] });

        Assert.Equal(["channels[1]", "channels[2]", "strategy"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Channel_and_channels_together_or_an_inline_contact_with_channels_are_refused()
    {
        var errors = Validate(Email() with { Channels = ["sms", "email"] });

        Assert.Contains("channels", errors.Keys);
        Assert.Contains("recipients[0].contact", errors.Keys);
    }

    [Fact]
    public void An_sms_to_an_inline_contact_that_is_not_an_e164_number_is_refused_naming_the_contact() =>
        Assert.Equal([NotificationAspire.Contracts.Recipients.PhoneNumbers.E164Hint],
            Validate(Email() with { Channel = "sms" })["recipients[0].contact"]);

    [Theory]
    [InlineData("order-updates")]
    [InlineData("security")]
    [InlineData("a1")]
    public void A_category_is_a_key(string category) =>
        Assert.Empty(Validate(Email() with { Category = category }));

    [Theory]
    [InlineData("")]
    [InlineData("Order-Updates")]
    [InlineData("order updates")]
    [InlineData("order--updates")]
    [InlineData("-security")]
    public void A_category_that_is_not_a_key_is_refused(string category) =>
        Assert.Contains("category", Validate(Email() with { Category = category }).Keys);

    [Fact]
    public void A_category_of_the_maximum_length_is_allowed_and_one_longer_is_refused()
    {
        Assert.Empty(Validate(Email() with { Category = new string('c', SendNotificationValidator.MaxCategoryLength) }));
        Assert.Contains("category", Validate(Email() with { Category = new string('c', SendNotificationValidator.MaxCategoryLength + 1) }).Keys);
    }

    [Fact]
    public void Channel_names_are_case_sensitive() =>
        Assert.Contains("channel", Validate(Email() with { Channel = "Email" }).Keys);

    [Fact]
    public void Without_a_template_subject_and_body_are_required()
    {
        var errors = Validate(Email() with { Subject = null, Body = " " });

        Assert.Contains("subject", errors.Keys);
        Assert.Contains("body", errors.Keys);
    }

    [Fact]
    public void A_subject_of_the_maximum_length_is_allowed_and_one_longer_is_refused()
    {
        Assert.Empty(Validate(Email() with { Subject = new string('s', SendNotificationValidator.MaxSubjectLength) }));
        Assert.Contains("subject", Validate(Email() with { Subject = new string('s', SendNotificationValidator.MaxSubjectLength + 1) }).Keys);
    }

    [Fact]
    public void A_body_of_the_maximum_length_is_allowed_and_one_longer_is_refused()
    {
        Assert.Empty(Validate(Email() with { Body = new string('b', SendNotificationValidator.MaxBodyLength) }));
        Assert.Contains("body", Validate(Email() with { Body = new string('b', SendNotificationValidator.MaxBodyLength + 1) }).Keys);
    }

    [Fact]
    public void A_correlation_key_of_the_maximum_length_is_allowed_and_one_longer_is_refused()
    {
        Assert.Empty(Validate(Email() with { CorrelationKey = new string('k', SendNotificationValidator.MaxKeyLength) }));
        Assert.Contains("correlationKey", Validate(Email() with { CorrelationKey = new string('k', SendNotificationValidator.MaxKeyLength + 1) }).Keys);
    }

    [Fact]
    public void A_template_with_its_data_needs_no_subject_or_body() =>
        Assert.Empty(Validate(Template("password-changed", new JsonObject { ["name"] = "Alice", ["changedAt"] = "09:00" })));

    [Fact]
    public void A_template_and_a_subject_together_are_refused() =>
        Assert.Equal(["Give either a template key or a subject and body, not both."],
            Validate(Template("password-changed", new JsonObject { ["name"] = "Alice", ["changedAt"] = "09:00" }) with { Subject = "Hi" })["templateKey"]);

    [Fact]
    public void The_template_errors_are_the_request_errors() =>
        Assert.Equal(["Template 'password-changed' needs a value for 'changedAt'."],
            Validate(Template("password-changed", new JsonObject { ["name"] = "Alice" }))["templateData.changedAt"]);

    private static Dictionary<string, string[]> Validate(SendNotificationRequest request) =>
        SendNotificationValidator.Validate(request, request.TemplateKey is { } key ? SeededTemplates.LookUp(key) : null, DateTimeOffset.UtcNow);

    private static SendNotificationRequest Email() =>
        new("email", [new RecipientRequest("alice", "alice@example.com")], "Hello", "It works.", null, null, null);

    private static SendNotificationRequest Template(string key, JsonObject data) =>
        new("email", [new RecipientRequest("alice", "alice@example.com")], null, null, key, data, null);
}
