using Notifications.Api.Model;
using Notifications.Api.Sending;
using NotificationAspire.Contracts.Recipients;

namespace Notifications.Api.Tests.Sending;

/// <summary>What the worker learns of a send: its category, the template version it pinned (all locales), the data, the people.</summary>
public sealed class SendEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_template_send_carries_its_category_the_pinned_content_in_every_locale_and_the_data()
    {
        var pinned = SeededTemplates.LookUp("order-shipped").Found!;
        var notification = New(templateKey: "order-shipped", category: "order-updates", templateVersion: 1,
            dataJson: """{"name":"Alice","orderId":"A-1","trackingUrl":"u"}""");

        var requested = SendEvents.Requested(notification, pinned.ToContent());

        Assert.Equal("order-updates", requested.Category);
        Assert.Equal(("order-shipped", 1, "en"), (requested.Template!.Key, requested.Template.Version, requested.Template.DefaultLocale));
        Assert.Equal(["de", "en"], requested.Template.Variants.Select(v => v.Locale));
        Assert.Equal("A-1", requested.TemplateData!["orderId"]!.GetValue<string>());
        Assert.Null(requested.Subject);
        Assert.Null(requested.MissingFields());
    }

    [Fact]
    public void People_without_an_inline_contact_and_a_send_without_a_channel_reach_the_worker_as_null()
    {
        var requested = SendEvents.Requested(New(channel: null, contact: null), template: null);

        Assert.Null(requested.Channel);
        Assert.Null(Assert.Single(requested.Recipients).Contact);
        Assert.Equal(NotificationCategories.General, requested.Category);
        Assert.Null(requested.MissingFields());
    }

    [Fact]
    public void A_notification_from_before_versioned_templates_is_published_with_the_text_rendered_then()
    {
        var requested = SendEvents.Requested(New(templateKey: "order-shipped", subject: "Your order 1 has shipped", dataJson: """{"name":"A"}"""), template: null);

        Assert.Equal("Your order 1 has shipped", requested.Subject);
        Assert.Null(requested.Template);
        Assert.Null(requested.TemplateData); // nothing to render it with
        Assert.Null(requested.MissingFields());
    }

    private static Notification New(string? templateKey = null, string? channel = "email", string? contact = "alice@example.com",
        string category = NotificationCategories.General, int? templateVersion = null, string? subject = null, string? dataJson = null)
    {
        var id = Guid.CreateVersion7(Now);
        return new Notification
        {
            Id = id,
            SenderId = "shop",
            Channel = channel,
            Category = category,
            Subject = subject ?? (templateKey is null ? "Hello" : null),
            Body = subject is not null || templateKey is null ? "Text" : null,
            TemplateKey = templateKey,
            TemplateVersion = templateVersion,
            TemplateDataJson = dataJson,
            CreatedAt = Now,
            Recipients = [new NotificationRecipient { NotificationId = id, UserId = "alice", Contact = contact }],
        };
    }
}
