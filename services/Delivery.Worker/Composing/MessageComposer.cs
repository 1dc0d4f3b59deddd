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
}
