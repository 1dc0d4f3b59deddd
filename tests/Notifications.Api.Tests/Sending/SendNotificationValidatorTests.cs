using System.Text.Json.Nodes;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>What a send request may carry: fields that become mail headers stay on one line; NUL goes nowhere.</summary>
public sealed class SendNotificationValidatorTests
{
    [Fact]
    public void A_plain_email_request_is_valid() => Assert.Empty(Validate(Email()));

    [Theory]
    [InlineData("Hello\r\nBcc: someone@else.example")]
    [InlineData("Hello\nthere")]
    [InlineData("Hello\tthere")]
    [InlineData("Hello\u2028there")]
    [InlineData("Hello\u0007")]
    public void A_subject_with_a_line_break_or_control_character_is_refused(string subject)
    {
        var errors = Validate(Email() with { Subject = subject });

        Assert.Equal([TextRules.SingleLineMessage], errors["subject"]);
    }

    [Fact]
    public void Single_line_fields_are_each_named_when_they_break_the_line()
    {
        var request = Email() with
        {
            Recipients = [new RecipientRequest("alice\r\n", "alice@example.com\r\nBcc: x@example.com")],
            CorrelationKey = "order\n1",
        };

        var errors = Validate(request);

        Assert.Contains(TextRules.SingleLineMessage, errors["recipients[0].userId"]);
        Assert.Contains(TextRules.SingleLineMessage, errors["recipients[0].contact"]);
        Assert.Contains(TextRules.SingleLineMessage, errors["correlationKey"]);
    }

    [Fact]
    public void A_body_keeps_its_line_breaks() =>
        Assert.Empty(Validate(Email() with { Body = "Hello,\r\n\r\n\tyour order shipped.\n" }));

    [Fact]
    public void Template_data_may_span_lines_because_rendering_keeps_the_subject_on_one() =>
        // The renderer folds line breaks in a rendered subject (TemplateRendererTests); the body keeps them.
        Assert.Empty(Validate(Template(new JsonObject { ["name"] = "Alice\nand Bob", ["orderId"] = "1\r\nBcc: x@example.com", ["trackingUrl"] = "u" })));

    [Fact]
    public void NUL_anywhere_in_template_data_is_refused_at_its_path()
    {
        var data = new JsonObject
        {
            ["name"] = "A\0", ["orderId"] = "1", ["trackingUrl"] = "u",
            ["extra"] = new JsonObject { ["list"] = new JsonArray("ok", "b\0") },
        };

        var errors = Validate(Template(data));

        Assert.Equal([TextRules.NulMessage], errors["templateData.name"]);
        Assert.Equal([TextRules.NulMessage], errors["templateData.extra.list[1]"]);
    }

    [Fact]
    public void Template_data_without_a_template_is_refused() =>
        Assert.Contains("templateData", Validate(Email() with { TemplateData = new JsonObject { ["x"] = "y" } }).Keys);

    private static Dictionary<string, string[]> Validate(SendNotificationRequest request) =>
        SendNotificationValidator.Validate(request, request.TemplateKey is { } key ? SeededTemplates.LookUp(key) : null, DateTimeOffset.UtcNow);

    private static SendNotificationRequest Email() =>
        new("email", [new RecipientRequest("alice", "alice@example.com")], "Hello", "It works.", null, null, "order-1");

    private static SendNotificationRequest Template(JsonObject data) =>
        new("email", [new RecipientRequest("alice", "alice@example.com")], null, null, "order-shipped", data, null);
}
