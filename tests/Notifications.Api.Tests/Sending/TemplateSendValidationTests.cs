using System.Text.Json.Nodes;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>
/// A send naming a template is checked against the version it pins when it is accepted: an unknown key or
/// version, or data missing a declared variable, is the sender's 400 naming the field, never a failed delivery.
/// </summary>
public sealed class TemplateSendValidationTests
{
    [Fact]
    public void Complete_data_for_the_current_version_is_valid() => Assert.Empty(Validate(OrderShipped(Data())));

    [Fact]
    public void Fields_the_template_does_not_declare_are_allowed()
    {
        var data = Data();
        data["coupon"] = "SPRING";

        Assert.Empty(Validate(OrderShipped(data)));
    }

    [Fact]
    public void Objects_and_lists_are_values_too_since_Liquid_reads_them() =>
        Assert.Empty(Validate(OrderShipped(new JsonObject
        {
            ["name"] = new JsonObject { ["first"] = "Alice" }, ["orderId"] = 1001, ["trackingUrl"] = new JsonArray("u"),
        })));

    [Fact]
    public void Each_missing_declared_variable_is_an_error_at_its_template_data_path()
    {
        var errors = Validate(OrderShipped(new JsonObject { ["name"] = "Alice" }));

        Assert.Equal(["Template 'order-shipped' needs a value for 'orderId'."], errors["templateData.orderId"]);
        Assert.Equal(["Template 'order-shipped' needs a value for 'trackingUrl'."], errors["templateData.trackingUrl"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_null_value_counts_as_missing() =>
        Assert.Contains("templateData.orderId", Validate(OrderShipped(Data(orderId: null))).Keys);

    [Fact]
    public void No_data_at_all_names_every_declared_variable() =>
        Assert.Equal(["templateData.name", "templateData.orderId", "templateData.trackingUrl"],
            Validate(OrderShipped(null)).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Variable_names_are_case_sensitive_as_in_Liquid() =>
        Assert.Contains("templateData.orderId", Validate(OrderShipped(new JsonObject { ["name"] = "A", ["OrderId"] = "1", ["trackingUrl"] = "u" })).Keys);

    [Fact]
    public void An_unknown_key_is_an_error_at_template_key() =>
        Assert.Equal(["Unknown template 'order-shiped'. GET /api/templates lists them."],
            SendNotificationValidator.Validate(OrderShipped(Data()) with { TemplateKey = "order-shiped" }, SeededTemplates.LookUp("order-shiped"), DateTimeOffset.UtcNow)["templateKey"]);

    [Fact]
    public void A_version_the_template_does_not_have_is_an_error_at_template_version()
    {
        var request = OrderShipped(Data()) with { TemplateVersion = 7 };

        Assert.Equal(["Template 'order-shipped' has no version 7."],
            SendNotificationValidator.Validate(request, SeededTemplates.LookUp("order-shipped", 7), DateTimeOffset.UtcNow)["templateVersion"]);
    }

    [Fact]
    public void A_pinned_version_that_exists_is_valid()
    {
        var request = OrderShipped(Data()) with { TemplateVersion = 1 };

        Assert.Empty(SendNotificationValidator.Validate(request, SeededTemplates.LookUp("order-shipped", 1), DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Versions_start_at_1(int version) =>
        Assert.Equal(["Versions start at 1."], Validate(OrderShipped(Data()) with { TemplateVersion = version })["templateVersion"]);

    [Fact]
    public void A_chosen_channel_the_template_has_content_for_is_valid() =>
        Assert.Empty(Validate(OrderShipped(Data()) with { Channel = "email", Recipients = [new RecipientRequest("alice", "alice@example.com")] }));

    [Fact]
    public void In_app_falls_back_to_the_email_subject_and_text_of_a_template_without_an_in_app_part() =>
        Assert.Empty(Validate(OrderShipped(Data()) with { Channel = "in-app" }));

    [Fact]
    public void A_chosen_channel_the_template_has_no_content_for_is_refused()
    {
        var lookup = SeededTemplates.LookUp("password-changed");
        var request = new SendNotificationRequest("sms", [new RecipientRequest("alice", null)], null, null, "password-changed",
            new JsonObject { ["name"] = "Alice", ["changedAt"] = "09:00" }, null);

        // sms is not a supported channel yet either; the template's own answer is what this pins.
        Assert.Contains("Template 'password-changed' version 1 has no sms content.", SendNotificationValidator.Validate(request, lookup, DateTimeOffset.UtcNow)["channel"]);
    }

    [Fact]
    public void A_version_without_a_template_is_refused() =>
        Assert.Equal(["A template version needs a templateKey."],
            SendNotificationValidator.Validate(new SendNotificationRequest("email", [new RecipientRequest("alice", null)], "Hi", "Text", null, null, null,
                TemplateVersion: 2), null, DateTimeOffset.UtcNow)["templateVersion"]);

    private static Dictionary<string, string[]> Validate(SendNotificationRequest request) =>
        SendNotificationValidator.Validate(request, SeededTemplates.LookUp(request.TemplateKey!, request.TemplateVersion is >= 1 ? request.TemplateVersion : null), DateTimeOffset.UtcNow);

    private static SendNotificationRequest OrderShipped(JsonObject? data) =>
        new(null, [new RecipientRequest("alice", null)], null, null, "order-shipped", data, null, Category: "order-updates");

    private static JsonObject Data(string? orderId = "A-1001") =>
        new() { ["name"] = "Alice", ["orderId"] = orderId, ["trackingUrl"] = "https://track.example/A-1001" };
}
