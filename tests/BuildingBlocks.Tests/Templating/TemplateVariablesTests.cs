using NotificationAspire.Templating;

namespace BuildingBlocks.Tests.Templating;

/// <summary>A template that reads data it does not declare is refused when saved, not discovered as a blank in a message.</summary>
public sealed class TemplateVariablesTests
{
    [Fact]
    public void Top_level_names_are_found_in_output_filters_conditions_and_loop_sources()
    {
        const string source = "{{ name | default: fallback }} {% if vip and total > limit %}{{ items.size }}{% endif %}{% for o in orders %}{{ o.id }}{% endfor %}";

        Assert.Equal(["name", "fallback", "vip", "total", "limit", "items", "orders"], TemplateVariables.Used(source));
    }

    [Fact]
    public void Names_in_ranges_case_tags_unless_and_filter_arguments_are_found() =>
        Assert.Equal(["count", "kind", "label", "closed", "name", "width"],
            TemplateVariables.Used("{% for i in (1..count) %}{{ i }}{% endfor %}{% case kind %}{% when 'a' %}{{ label }}{% endcase %}"
                + "{% unless closed %}{{ name | truncate: width }}{% endunless %}"));

    [Fact]
    public void A_branch_no_sample_would_take_is_still_checked() =>
        Assert.Equal(["secret"], TemplateVariables.Undeclared("{% if false %}{{ secret }}{% endif %}", []));

    [Fact]
    public void The_recipient_loop_variables_and_assigned_names_are_not_undeclared()
    {
        const string source = "{{ recipient.data.tier }}{% assign greeting = 'Hi' %}{{ greeting }}{% capture line %}x{% endcapture %}{{ line }}"
            + "{% for item in items %}{{ forloop.index }} {{ item.name }}{% endfor %}{% increment counter %}{{ counter }}";

        Assert.Empty(TemplateVariables.Undeclared(source, ["items"]));
    }

    [Fact]
    public void Each_undeclared_name_is_named_once_and_declared_ones_are_not()
    {
        Assert.Equal(["orderId", "trackingUrl"],
            TemplateVariables.Undeclared("{{ name }} {{ orderId }} {{ orderId }} {{ trackingUrl }}", ["name"]));
    }

    [Fact]
    public void Names_compare_exactly_as_Liquid_reads_them() =>
        Assert.Equal(["OrderId"], TemplateVariables.Undeclared("{{ OrderId }}", ["orderId"]));

    [Fact]
    public void A_source_that_does_not_parse_is_a_syntax_exception() =>
        Assert.Throws<TemplateSyntaxException>(() => TemplateVariables.Used("{{ name"));
}
