using System.Text.Json.Nodes;
using Notifications.Api.Requests;
using Notifications.Api.Sending;

namespace Notifications.Api.Tests.Sending;

/// <summary>Templates fill every placeholder from templateData; a missing field or an unknown key is an error, never a blank.</summary>
public sealed class NotificationTemplatesTests
{
    private static readonly NotificationTemplates Templates = new();

    [Fact]
    public void Rendering_fills_every_placeholder_in_subject_and_body()
    {
        var (subject, body) = Templates.Render("order-shipped", OrderShipped());

        Assert.Equal("Your order A-1001 has shipped", subject);
        Assert.Equal("Hello Alice,\n\nyour order A-1001 is on its way. Track it at https://track.example/A-1001.\n", body);
    }

    [Fact]
    public void A_number_in_the_data_is_written_as_its_digits() =>
        Assert.Equal("Your order 1001 has shipped", Templates.Render("order-shipped", OrderShipped(orderId: 1001)).Subject);

    [Fact]
    public void Complete_data_has_no_error() =>
        Assert.Empty(Templates.Check("order-shipped", OrderShipped()));

    [Fact]
    public void Fields_the_template_does_not_use_are_allowed()
    {
        var data = OrderShipped();
        data["coupon"] = "SPRING";

        Assert.Empty(Templates.Check("order-shipped", data));
    }

    [Fact]
    public void A_missing_field_is_an_error_at_its_template_data_path()
    {
        var data = OrderShipped();
        data.Remove("trackingUrl");

        var error = Assert.Single(Templates.Check("order-shipped", data));

        Assert.Equal(("templateData.trackingUrl", "Template 'order-shipped' needs a value for 'trackingUrl'."), error);
    }

    [Fact]
    public void A_field_used_twice_is_named_once_when_missing()
    {
        var data = OrderShipped();
        data.Remove("orderId");

        Assert.Equal(["templateData.orderId"], Templates.Check("order-shipped", data).Select(e => e.Field));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"first":"Alice"}""")]
    [InlineData("""["Alice"]""")]
    public void A_field_that_is_null_an_object_or_a_list_counts_as_missing(string json)
    {
        var data = OrderShipped();
        data["name"] = JsonNode.Parse(json);

        Assert.Equal(["templateData.name"], Templates.Check("order-shipped", data).Select(e => e.Field));
    }

    [Fact]
    public void Without_data_every_field_of_the_template_is_missing() =>
        Assert.Equal(["templateData.name", "templateData.changedAt"], Templates.Check("password-changed", null).Select(e => e.Field));

    [Fact]
    public void An_unknown_template_key_is_an_error_that_names_the_known_ones()
    {
        var error = Assert.Single(Templates.Check("order-cancelled", OrderShipped()));

        Assert.Equal(("templateKey", "Unknown template 'order-cancelled'. Known: order-shipped, password-changed."), error);
    }

    [Fact]
    public void Template_keys_are_case_sensitive() =>
        Assert.Equal(["templateKey"], Templates.Check("Order-Shipped", OrderShipped()).Select(e => e.Field));

    private static JsonObject OrderShipped(JsonNode? orderId = null) => new()
    {
        ["name"] = "Alice",
        ["orderId"] = orderId ?? "A-1001",
        ["trackingUrl"] = "https://track.example/A-1001",
    };
}
