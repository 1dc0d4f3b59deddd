using System.Text.Json.Nodes;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;
using NotificationAspire.Templating;

namespace BuildingBlocks.Tests.Templating;

/// <summary>What a person receives: their language, the send's data, their own fields, and HTML that data cannot break.</summary>
public sealed class TemplateRendererTests
{
    private static readonly TemplateRenderer Renderer = new();

    private static readonly TemplateContent OrderShipped = new("order-shipped", 3, "en",
    [
        new("en", EmailSubject: "Order {{ orderId }} shipped", EmailHtml: "<p>Hello {{ name }}</p>", EmailText: "Hello {{ name }}",
            SmsText: "{{ name }}: order {{ orderId }} shipped", PushTitle: "Shipped", PushBody: "{{ name }}", PushUrl: "https://shop.example/o/{{ orderId }}",
            InAppTitle: "Shipped: {{ orderId }}", InAppBody: "For {{ name }}", InAppUrl: "/orders/{{ orderId }}"),
        new("de", EmailSubject: "Bestellung {{ orderId }} ist unterwegs", EmailText: "Hallo {{ name }}"),
    ]);

    private static JsonObject Data(string name = "Alice") => new() { ["name"] = name, ["orderId"] = "A-1" };

    [Fact]
    public void Every_part_is_rendered_with_the_send_data_at_the_top_level()
    {
        var message = Renderer.Render(OrderShipped, "en", Data(), recipient: null);

        Assert.Equal(new RenderedMessage("en", "Order A-1 shipped", "<p>Hello Alice</p>", "Hello Alice", "Alice: order A-1 shipped",
            "Shipped", "Alice", "https://shop.example/o/A-1", "Shipped: A-1", "For Alice", "/orders/A-1"), message);
    }

    [Fact]
    public void The_person_reads_their_language_through_the_fallback_chain_and_absent_parts_stay_null()
    {
        var message = Renderer.Render(OrderShipped, "de-AT", Data(), recipient: null);

        Assert.Equal(("de", "Bestellung A-1 ist unterwegs", "Hallo Alice"), (message.Locale, message.EmailSubject, message.EmailText));
        Assert.Null(message.EmailHtml);
        Assert.Null(message.SmsText);
    }

    [Fact]
    public void Without_a_locale_the_person_s_own_is_used()
    {
        var recipient = new RecipientContact("u-1", "u1@example.com", null, "de-DE", null, null);

        Assert.Equal("de", Renderer.Render(OrderShipped, locale: null, Data(), recipient).Locale);
    }

    [Fact]
    public void Data_is_HTML_escaped_in_the_email_HTML_only()
    {
        var message = Renderer.Render(OrderShipped, "en", Data("<script>alert('x')</script> & Jürgen"), recipient: null);

        Assert.Equal("<p>Hello &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Jürgen</p>", message.EmailHtml);
        Assert.Equal("Hello <script>alert('x')</script> & Jürgen", message.EmailText);
        Assert.Equal("<script>alert('x')</script> & Jürgen", message.PushBody);
    }

    [Fact]
    public void The_recipient_is_visible_with_their_id_locale_contacts_and_custom_data()
    {
        var content = new TemplateContent("profile", 1, "en", [new("en",
            EmailText: "{{ recipient.userId }} {{ recipient.locale }} {{ recipient.email }} {{ recipient.data.tier }} {{ recipient.data.orders[1].id }}")]);
        var recipient = new RecipientContact("u-7", "u7@example.com", "+4915112345678", "en-GB", "Europe/Berlin",
            new JsonObject { ["tier"] = "gold", ["orders"] = new JsonArray(new JsonObject { ["id"] = 1 }, new JsonObject { ["id"] = 2 }) });

        Assert.Equal("u-7 en-GB u7@example.com gold 2", Renderer.Render(content, null, null, recipient).EmailText);
    }

    [Fact]
    public void Data_keeps_its_JSON_types_for_loops_arithmetic_and_conditions()
    {
        var content = new TemplateContent("cart", 1, "en", [new("en",
            EmailText: "{% for item in items %}{{ item.name }} x{{ item.qty | plus: 1 }};{% endfor %}{% if paid %} paid{% endif %}")]);
        var data = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["name"] = "pen", ["qty"] = 1 }, new JsonObject { ["name"] = "ink", ["qty"] = 2.5 }),
            ["paid"] = true,
        };

        Assert.Equal("pen x2;ink x3.5; paid", Renderer.Render(content, "en", data, null).EmailText);
    }

    [Fact]
    public void A_line_break_from_the_data_cannot_reach_the_subject_header()
    {
        var message = Renderer.Render(OrderShipped, "en", new JsonObject { ["orderId"] = "A-1\r\nBcc: all@example.com" }, null);

        Assert.Equal("Order A-1  Bcc: all@example.com shipped", message.EmailSubject);
    }

    [Fact]
    public void A_source_that_does_not_parse_is_a_syntax_exception_with_its_position()
    {
        var broken = new TemplateContent("broken", 1, "en", [new("en", EmailSubject: "Hi {{ name")]);

        var error = Assert.Throws<TemplateSyntaxException>(() => Renderer.Render(broken, "en", Data(), null)).Error;

        Assert.Equal((1, 11), (error.Line, error.Column));
    }

    [Fact]
    public void Concurrent_renders_of_the_same_template_all_see_their_own_data()
    {
        var results = Enumerable.Range(0, 200).AsParallel()
            .Select(i => (i, Renderer.Render(OrderShipped, i % 2 == 0 ? "en" : "de", Data($"n{i}"), null).EmailText))
            .ToList();

        Assert.All(results, r => Assert.Equal(r.i % 2 == 0 ? $"Hello n{r.i}" : $"Hallo n{r.i}", r.EmailText));
    }

    [Fact]
    public void A_loop_that_would_not_end_in_reasonable_time_is_stopped()
    {
        var runaway = new TemplateContent("runaway", 1, "en", [new("en", EmailText: "{% for i in (1..100000000) %}x{% endfor %}")]);

        Assert.Equal("emailText", Assert.Throws<TemplateRenderException>(() => Renderer.Render(runaway, "en", null, null)).Part);
    }

    [Fact]
    public void A_failure_on_the_data_names_the_part_and_is_a_template_exception()
    {
        var content = new TemplateContent("ratio", 1, "en", [new("en", EmailSubject: "Share", EmailText: "{{ total | divided_by: count }}")]);

        TemplateException error = Assert.Throws<TemplateRenderException>(() => Renderer.Render(content, "en", new JsonObject { ["total"] = 1, ["count"] = 0 }, null));

        Assert.StartsWith("Rendering emailText failed:", error.Message);
    }
}
