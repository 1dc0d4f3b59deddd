using Delivery.Worker.Composing;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;
using NotificationAspire.Templating;

namespace Delivery.Worker.Tests.Composing;

/// <summary>A webhook carries what the person's inbox would show: the template's in-app part, else the email's subject and text.</summary>
public sealed class WebhookCompositionTests
{
    private static readonly NotificationCategory Orders = new("order-updates", "Order updates", [Channels.Email], Critical: false);

    private readonly MessageComposer composer = new(new TemplateRenderer(), new UnsubscribeLinks(
        Options.Create(new UnsubscribeOptions { PublicBaseUrl = new Uri("http://localhost:5200"), SigningKey = new string('k', 48) }), TimeProvider.System));

    [Fact]
    public void The_in_app_part_is_used_then_the_email_and_the_message_knows_its_notification()
    {
        var inApp = Compose(new TemplateVariant("de", EmailSubject: "Mail {{ id }}", EmailText: "Mail text", PushTitle: "Push title", PushBody: "Push body",
            InAppTitle: "Bestellung {{ id }}", InAppBody: "Versandt", InAppUrl: "/orders/42"));
        var email = Compose(new TemplateVariant("de", EmailSubject: "Mail {{ id }}", EmailText: "Mail text"));

        Assert.Equal(("Bestellung 42", "Versandt", "/orders/42", "de"), (inApp.Subject, inApp.Body, inApp.Url, inApp.Locale));
        Assert.Equal(("Mail 42", "Mail text", null), (email.Subject, email.Body, email.Url));
        Assert.Equal(("alice", "order-updates"), (inApp.Origin!.RecipientUserId, inApp.Origin.Category));
    }

    private Delivery.Worker.Providers.OutgoingMessage Compose(TemplateVariant variant)
    {
        var record = new DeliveryDispatched(Guid.NewGuid(), "key", "alice", null, Channels.Webhook, null, null, null, 1, null, [])
        {
            Category = Orders.Key,
            Template = new TemplateContent("order", 1, "de", [variant]),
            TemplateData = new System.Text.Json.Nodes.JsonObject { ["id"] = 42 },
        };
        return composer.Compose(record, "[]", null, Orders);
    }
}
