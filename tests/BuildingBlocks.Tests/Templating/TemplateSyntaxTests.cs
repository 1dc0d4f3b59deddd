using NotificationAspire.Templating;

namespace BuildingBlocks.Tests.Templating;

/// <summary>A Liquid error is found when the template is saved, and says where, so an editor can point at it.</summary>
public sealed class TemplateSyntaxTests
{
    [Fact]
    public void A_valid_source_has_no_errors() =>
        Assert.Empty(TemplateSyntax.Check("Hello {{ name | upcase }}{% if vip %}, welcome back{% endif %}"));

    [Theory]
    [InlineData("Hello {{ name", 1, 14)]
    [InlineData("line one\nline two {% if x %} never closed", 2, 33)]
    [InlineData("a\n\nb {{ x | }}", 3, 9)]
    [InlineData("{{ 'x' }} {% endif %}", 1, 19)]
    public void An_error_carries_its_1_based_line_and_column(string source, int line, int column)
    {
        var error = Assert.Single(TemplateSyntax.Check(source));

        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void The_message_says_what_is_wrong_without_repeating_the_position_or_the_source()
    {
        var error = Assert.Single(TemplateSyntax.Check("Hi {{ name | }}"));

        Assert.Equal("An identifier was expected after the '|' sign", error.Message);
        Assert.Equal("Line 1, column 13: An identifier was expected after the '|' sign", error.ToString());
    }

    [Fact]
    public void An_unknown_tag_is_an_error_where_its_name_ends() =>
        Assert.Equal(new TemplateSyntaxError("Unknown tag 'frobnicate'", 1, 17), Assert.Single(TemplateSyntax.Check("Hi {% frobnicate %}")));

    [Fact]
    public void An_unknown_filter_parses_but_is_an_error_where_it_is_used_since_it_would_render_nothing() =>
        Assert.Equal(new TemplateSyntaxError("Unknown filter 'upcsae'", 2, 16), Assert.Single(TemplateSyntax.Check("Hi\nDear {{ name | upcsae }}")));

    [Theory]
    [InlineData("{% include 'footer' %}")]
    [InlineData("Hi {%- render 'footer' %}")]
    public void Include_and_render_are_errors_since_templates_are_self_contained(string source) =>
        Assert.Contains("is not available", Assert.Single(TemplateSyntax.Check(source)).Message);

    [Fact]
    public void Standard_filters_are_known() =>
        Assert.Empty(TemplateSyntax.Check("{{ name | upcase | truncate: 10 }} {{ when | date: '%Y' }} {{ n | plus: 1 | divided_by: 2 }} {{ items | size }}"));
}
