using NotificationAspire.Http;
using Preferences.Api.Categories;

namespace Preferences.Api.Tests.Categories;

/// <summary>Category keys are slugs, and a category names known, distinct default channels.</summary>
public sealed class CategoryRulesTests
{
    [Theory]
    [InlineData("general")]
    [InlineData("order-updates")]
    [InlineData("2fa")]
    [InlineData("a")]
    public void A_slug_is_a_key(string key) => Assert.True(CategoryRules.IsKey(key));

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("Order-Updates")]
    [InlineData("order_updates")]
    [InlineData("order updates")]
    [InlineData("order-updates\n")]
    [InlineData("ä")]
    public void Anything_else_is_not(string key) => Assert.False(CategoryRules.IsKey(key));

    [Fact]
    public void A_key_is_at_most_64_characters()
    {
        Assert.True(CategoryRules.IsKey(new string('a', 64)));
        Assert.False(CategoryRules.IsKey(new string('a', 65)));
    }

    [Fact]
    public void A_valid_category_is_accepted_and_not_critical_by_default()
    {
        var errors = new FieldErrors();

        var fields = CategoryRules.Validate(new CategoryRequest(" Newsletters ", ["email", "push"], null), errors);

        Assert.Equal(("Newsletters", false), (fields?.Name, fields?.Critical ?? true));
        Assert.Equal(["email", "push"], fields?.Channels);
    }

    [Fact]
    public void Unknown_and_repeated_channels_and_a_missing_name_are_named()
    {
        var errors = new FieldErrors();

        Assert.Null(CategoryRules.Validate(new CategoryRequest("", ["fax", "email", "email", null], true), errors));
        Assert.Equal(["defaultChannels[0]", "defaultChannels[2]", "defaultChannels[3]", "name"], errors.ByField.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_category_needs_a_default_channel()
    {
        var errors = new FieldErrors();

        Assert.Null(CategoryRules.Validate(new CategoryRequest("Quiet", [], false), errors));
        Assert.Contains("defaultChannels", errors.ByField.Keys);
    }
}
