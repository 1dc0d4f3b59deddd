using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Templates;

/// <summary>A variant's channel parts by their JSON names, so checks and errors speak the caller's field names.</summary>
public static class TemplateParts
{
    /// <summary>Parts that end up on one line (a mail header, a notification title) and are kept short.</summary>
    public static readonly IReadOnlySet<string> Titles = new HashSet<string>(StringComparer.Ordinal) { "emailSubject", "pushTitle", "inAppTitle" };

    public const int MaxTitleLength = 1_000;
    public const int MaxPartLength = 100_000;

    public static IEnumerable<(string Name, string? Source)> Of(TemplateVariant v) =>
    [
        ("emailSubject", v.EmailSubject), ("emailHtml", v.EmailHtml), ("emailText", v.EmailText), ("smsText", v.SmsText),
        ("pushTitle", v.PushTitle), ("pushBody", v.PushBody), ("pushUrl", v.PushUrl),
        ("inAppTitle", v.InAppTitle), ("inAppBody", v.InAppBody), ("inAppUrl", v.InAppUrl),
    ];

    /// <summary>The channels the variant has complete content for (email, sms, push, inApp).</summary>
    public static IReadOnlySet<string> Complete(TemplateVariant v) =>
        Channels(v).Where(c => c.MissingPart is null).Select(c => c.Channel).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a send naming <paramref name="channel"/> has content in the variant. In-app and push have it with their
    /// own part, or with an email that has a text body: the worker then uses the email's subject as title and its
    /// text as body.
    /// </summary>
    public static bool CanSend(TemplateVariant v, string channel)
    {
        var complete = Complete(v);
        var emailText = complete.Contains("email") && v.EmailText is not null;
        return channel switch
        {
            NotificationAspire.Contracts.Events.Channels.InApp => complete.Contains("inApp") || emailText,
            NotificationAspire.Contracts.Events.Channels.Push => complete.Contains("push") || emailText,
            // A webhook carries what an inbox item does: the in-app part, or the email's subject and text.
            NotificationAspire.Contracts.Events.Channels.Webhook => complete.Contains("inApp") || emailText,
            _ => complete.Contains(channel),
        };
    }

    /// <summary>
    /// Each channel the variant has content for, and what that channel still lacks. A channel counts once any
    /// of its parts is given; email needs a subject and a text or HTML body, SMS a text, push and in-app a body.
    /// </summary>
    public static IEnumerable<(string Channel, string? MissingPart, string? Message)> Channels(TemplateVariant v)
    {
        if (v.EmailSubject is not null || v.EmailHtml is not null || v.EmailText is not null)
        {
            yield return v.EmailSubject is null ? ("email", "emailSubject", "An email needs a subject.")
                : v.EmailHtml is null && v.EmailText is null ? ("email", "emailText", "An email needs a text or an HTML body (emailText, emailHtml).")
                : ("email", null, null);
        }
        if (v.SmsText is not null)
        {
            yield return ("sms", null, null);
        }
        if (v.PushTitle is not null || v.PushBody is not null || v.PushUrl is not null)
        {
            yield return v.PushBody is null ? ("push", "pushBody", "A push notification needs a body.") : ("push", null, null);
        }
        if (v.InAppTitle is not null || v.InAppBody is not null || v.InAppUrl is not null)
        {
            yield return v.InAppBody is null ? ("inApp", "inAppBody", "An in-app message needs a body.") : ("inApp", null, null);
        }
    }
}
