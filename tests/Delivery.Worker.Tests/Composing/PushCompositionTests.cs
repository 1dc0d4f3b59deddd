using Delivery.Worker.Composing;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;
using NotificationAspire.Templating;

namespace Delivery.Worker.Tests.Composing;

/// <summary>A push takes the template's push part; a template without one still reaches browsers, with its in-app or email text.</summary>
public sealed class PushCompositionTests
{
    private static readonly NotificationCategory Orders = new("order-updates", "Order updates", [Channels.Email], Critical: false);

    private readonly MessageComposer composer = new(new TemplateRenderer(), new UnsubscribeLinks(
        Options.Create(new UnsubscribeOptions { PublicBaseUrl = new Uri("http://localhost:5200"), SigningKey = new string('k', 48) }), TimeProvider.System));

    [Fact]
    public void The_push_part_gives_title_body_and_url()
    {
        var message = Compose(new TemplateVariant("en", EmailSubject: "Mail {{ id }}", EmailText: "Mail text", PushTitle: "Order {{ id }}",
            PushBody: "Shipped", PushUrl: "https://shop.example/orders/{{ id }}", InAppTitle: "Inbox title", InAppBody: "Inbox body"));

        Assert.Equal(("Order 42", "Shipped", "https://shop.example/orders/42"), (message.Subject, message.Body, message.Url));
    }

    [Fact]
    public void Without_a_push_part_the_in_app_part_is_used_then_the_email()
    {
        var inApp = Compose(new TemplateVariant("en", EmailSubject: "Mail {{ id }}", EmailText: "Mail text", InAppTitle: "Inbox {{ id }}", InAppBody: "Inbox body", InAppUrl: "/orders/42"));
        var email = Compose(new TemplateVariant("en", EmailSubject: "Mail {{ id }}", EmailText: "Mail text"));

        Assert.Equal(("Inbox 42", "Inbox body", "/orders/42"), (inApp.Subject, inApp.Body, inApp.Url));
        Assert.Equal(("Mail 42", "Mail text", null), (email.Subject, email.Body, email.Url));
    }

    private Delivery.Worker.Providers.OutgoingMessage Compose(TemplateVariant variant)
    {
        var record = new DeliveryDispatched(Guid.NewGuid(), "key", "alice", null, Channels.Push, null, null, null, 1, null, [])
        {
            Category = Orders.Key,
            Template = new TemplateContent("order", 1, "en", [variant]),
            TemplateData = new System.Text.Json.Nodes.JsonObject { ["id"] = 42 },
        };
        return composer.Compose(record, "[]", null, Orders);
    }
}
