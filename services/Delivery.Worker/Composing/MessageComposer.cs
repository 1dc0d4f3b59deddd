using System.Globalization;
using System.Text.Json.Nodes;
using Delivery.Worker.Providers;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Templating;

namespace Delivery.Worker.Composing;

/// <summary>
/// The message one person gets: the sender's own text, or the pinned template rendered in the person's locale
/// (falling back `de-AT` -> `de` -> the template's default) with the send's data and the person's profile; plus,
/// unless the category is critical, a one-click unsubscribe link for this category and channel. In-app messages
/// and webhooks take the template's in-app part, or where it has none the email's subject as title and its text as body; push
/// messages their push part, else the in-app one, else the email's.
/// </summary>
public sealed class MessageComposer(TemplateRenderer renderer, UnsubscribeLinks unsubscribeLinks)
{
    public OutgoingMessage Compose(DeliveryDispatched record, string contact, RecipientContact? recipient, NotificationCategory category)
    {
        if (record.DigestItems is { Count: > 0 } items)
        {
            return ComposeDigest(record, items, contact, recipient, category);
        }
        var unsubscribe = category.Critical ? null : unsubscribeLinks.For(record.RecipientUserId, category.Key, record.Channel);
        var origin = new MessageOrigin(record.NotificationId, record.RecipientUserId, category.Key);
        if (record.Template is not { } template)
        {
            return new OutgoingMessage(record.DeliveryKey, contact, record.Subject!, record.Body!) { UnsubscribeUrl = unsubscribe, Origin = origin };
        }
        var rendered = renderer.Render(template, recipient?.Locale, record.TemplateData, recipient);
        if (record.Channel == Channels.Sms)
        {
            // A text message has no subject: the template's SMS text, or the send's body.
            return new OutgoingMessage(record.DeliveryKey, contact, string.Empty, rendered.SmsText ?? rendered.EmailText ?? string.Empty)
            {
                Locale = rendered.Locale,
                Origin = origin,
            };
        }
        if (record.Channel == Channels.Push)
        {
            // A browser shows a title, a short body and opens a URL: the template's push part, or its in-app or email text.
            return new OutgoingMessage(record.DeliveryKey, contact, rendered.PushTitle ?? rendered.InAppTitle ?? rendered.EmailSubject ?? string.Empty,
                rendered.PushBody ?? rendered.InAppBody ?? rendered.EmailText ?? string.Empty)
            {
                Locale = rendered.Locale,
                Url = rendered.PushUrl ?? rendered.InAppUrl,
                Origin = origin,
            };
        }
        if (record.Channel is Channels.InApp or Channels.Webhook)
        {
            // A webhook's receiver is the person's own system: it gets what their inbox would show.
            return new OutgoingMessage(record.DeliveryKey, contact, rendered.InAppTitle ?? rendered.EmailSubject ?? string.Empty,
                rendered.InAppBody ?? rendered.EmailText ?? string.Empty)
            {
                Locale = rendered.Locale,
                Url = rendered.InAppUrl,
                Origin = origin,
            };
        }
        return new OutgoingMessage(record.DeliveryKey, contact, rendered.EmailSubject ?? string.Empty, rendered.EmailText ?? string.Empty)
        {
            HtmlBody = rendered.EmailHtml,
            Locale = rendered.Locale,
            UnsubscribeUrl = unsubscribe,
            Origin = origin,
        };
    }

    /// <summary>
    /// A digest: each item as this person would have got it on this channel (its own text, or its template in their
    /// language), then the digest template with `count`, `items` (`subject`, `body`, `data`, `notificationId`, `at`)
    /// and `digestKey`, or without one the platform's plain list.
    /// </summary>
    private OutgoingMessage ComposeDigest(DeliveryDispatched record, IReadOnlyList<DigestItem> items, string contact, RecipientContact? recipient, NotificationCategory category)
    {
        var rendered = items.Select(item => (Item: item, Message: Compose(record with
        {
            Subject = item.Subject,
            Body = item.Body,
            Template = item.Template,
            TemplateData = item.TemplateData,
            DigestItems = null,
        }, contact, recipient, category))).ToList();
        var digest = record with { DigestItems = null };
        if (record.Template is not null)
        {
            var list = new JsonArray([.. rendered.Select(r => (JsonNode)new JsonObject
            {
                ["subject"] = r.Message.Subject,
                ["body"] = r.Message.Body,
                ["data"] = r.Item.TemplateData?.DeepClone(),
                ["notificationId"] = r.Item.NotificationId.ToString(),
                ["at"] = r.Item.At.ToString("O", CultureInfo.InvariantCulture),
            })]);
            return Compose(digest with { TemplateData = new JsonObject { ["count"] = Math.Max(record.DigestCount, items.Count), ["items"] = list } }, contact, recipient, category);
        }
        return Compose(digest with { Subject = DigestText.Subject(Math.Max(record.DigestCount, items.Count), rendered[0].Message.Subject), Body = DigestText.Body(Math.Max(record.DigestCount, items.Count), [.. rendered.Select(r => (r.Message.Subject, r.Message.Body))]) },
            contact, recipient, category);
    }
}
