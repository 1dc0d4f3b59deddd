using System.Net.Mail;
using System.Text.RegularExpressions;
using Notifications.Api.Templates;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Templating;

namespace Notifications.Api.Sending;

/// <summary>
/// Checks a send request field by field. Errors are keyed by the JSON path of the offending field
/// (`recipients[1].contact`), which is what a caller needs to fix it.
/// </summary>
public static partial class SendNotificationValidator
{
    public const int MaxRecipients = 100;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;
    public const int MaxKeyLength = 200;
    public const int MaxCategoryLength = 64;
    public const int MaxContactLength = 320;

    /// <param name="template">What the request's templateKey found; null when it names none.</param>
    /// <param name="now">What a send time is measured against.</param>
    /// <param name="digestTemplate">What the request's digest.templateKey found; null when it names none.</param>
    public static Dictionary<string, string[]> Validate(SendNotificationRequest request, TemplateLookup? template, DateTimeOffset now, TemplateLookup? digestTemplate = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (request.Channel is not null && !Channels.Supported.Contains(request.Channel))
        {
            Error("channel", $"Unsupported channel '{request.Channel}'. Supported: {string.Join(", ", Channels.Supported.Order(StringComparer.Ordinal))}; or leave it out for the category's channels.");
        }
        ValidateChannels(request, Error);
        if (request.Category is not null && (request.Category.Length > MaxCategoryLength || !Slug().IsMatch(request.Category)))
        {
            Error("category", $"A category key is 1 to {MaxCategoryLength} lowercase letters, digits and single hyphens (order-updates).");
        }

        ValidateRecipients(request, Error);
        Topics.TopicSendRules.Validate(request.Topics, Error);
        ValidateContent(request, template, Error);

        SendTimeRules.Parse(request.SendAt, request.SendAtLocal, now, Error);
        DigestRules.Parse(request.Digest, digestTemplate, Error);
        if (request.Digest is not null && request.Topics is not null)
        {
            // A topic's pages are written long after the send, from the stored notification, which does not keep the digest.
            Error("digest", "A digest cannot be combined with topics; send the digest to named recipients.");
        }
        if (request.CorrelationKey is { Length: > MaxKeyLength })
        {
            Error("correlationKey", $"At most {MaxKeyLength} characters.");
        }
        RequireSingleLine(Error, ("channel", request.Channel), ("subject", request.Subject), ("templateKey", request.TemplateKey),
            ("correlationKey", request.CorrelationKey));
        return errors;
    }

    public const int MaxChannels = 5;

    private static void ValidateChannels(SendNotificationRequest request, Action<string, string> error)
    {
        if (request.Channels is not { } channels)
        {
            if (request.Strategy is not null)
            {
                error("strategy", "A strategy needs channels.");
            }
            return;
        }
        if (request.Channel is not null)
        {
            error("channels", "Give either channel or channels, not both.");
        }
        if (channels.Count is 0 or > MaxChannels)
        {
            error("channels", $"1 to {MaxChannels} channels, in the order to try them.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i] is not { } channel || !Channels.Supported.Contains(channel))
            {
                error($"channels[{i}]", $"Unsupported channel '{channels[i]}'. Supported: {string.Join(", ", Channels.Supported.Order(StringComparer.Ordinal))}.");
            }
            else if (!seen.Add(channel))
            {
                error($"channels[{i}]", $"'{channel}' is listed more than once.");
            }
        }
        if (request.Strategy is not null && !ChannelStrategies.Supported.Contains(request.Strategy))
        {
            error("strategy", $"Unknown strategy '{request.Strategy}'. Supported: {ChannelStrategies.FirstSuccess} (the default), {ChannelStrategies.All}.");
        }
    }

    private static void ValidateRecipients(SendNotificationRequest request, Action<string, string> error)
    {
        if (request.Recipients is not { Count: > 0 } recipients)
        {
            if (request.Topics is null)
            {
                error("recipients", "At least one recipient is required (or topics).");
            }
            return;
        }
        if (recipients.Count > MaxRecipients)
        {
            error("recipients", $"At most {MaxRecipients} recipients per request.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < recipients.Count; i++)
        {
            var (userId, contact) = (recipients[i]?.UserId, recipients[i]?.Contact);
            RequireSingleLine(error, ($"recipients[{i}].userId", userId), ($"recipients[{i}].contact", contact));
            if (string.IsNullOrWhiteSpace(userId) || userId.Length > MaxKeyLength)
            {
                error($"recipients[{i}].userId", $"A user id of 1 to {MaxKeyLength} characters is required.");
            }
            else if (!seen.Add(userId))
            {
                error($"recipients[{i}].userId", $"'{userId}' is listed more than once.");
            }
            // No contact: the worker uses the person's profile. One given must be usable as it stands.
            if (contact is null)
            {
                continue;
            }
            if (request.Channels is not null)
            {
                // One inline address cannot serve several channels.
                error($"recipients[{i}].contact", "With channels, each person's contacts come from their profile; leave the contact out.");
                continue;
            }
            if (request.Channel is Channels.Push)
            {
                // A push subscription is a browser's keys, registered through preferences-api, never an inline address.
                error($"recipients[{i}].contact", "Push takes no contact: it goes to the browsers the person registered (their push subscriptions); leave the contact out.");
                continue;
            }
            if (request.Channel is Channels.Webhook)
            {
                // A URL given here would have no secret to be signed with, nor the registration's checks.
                error($"recipients[{i}].contact", "Webhook takes no contact: it goes to the webhook endpoints registered for the person; leave the contact out.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(contact) || contact.Length > MaxContactLength)
            {
                error($"recipients[{i}].contact", $"A contact, when given, is 1 to {MaxContactLength} characters; leave it out to use the person's profile.");
            }
            else if (request.Channel is Channels.Sms && !PhoneNumbers.IsE164(contact))
            {
                error($"recipients[{i}].contact", PhoneNumbers.E164Hint);
            }
            else if (request.Channel is null or Channels.Email && !IsEmailAddress(contact))
            {
                error($"recipients[{i}].contact", $"'{contact}' is not an email address.");
            }
        }
    }

    private static void ValidateContent(SendNotificationRequest request, TemplateLookup? template, Action<string, string> error)
    {
        var hasText = request.Subject is not null || request.Body is not null;
        if (request.TemplateData is not null && request.TemplateKey is null)
        {
            error("templateData", "Template data needs a templateKey.");
        }
        if (request.TemplateVersion is { } pinned && (request.TemplateKey is null || pinned < 1))
        {
            error("templateVersion", request.TemplateKey is null ? "A template version needs a templateKey." : "Versions start at 1.");
        }
        foreach (var field in TextRules.PathsCarryingNul(request.TemplateData, "templateData"))
        {
            error(field, TextRules.NulMessage);
        }
        if (request.TemplateKey is not null)
        {
            if (hasText)
            {
                error("templateKey", "Give either a template key or a subject and body, not both.");
            }
            ValidateTemplate(request, template, error);
            return;
        }
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > MaxSubjectLength)
        {
            error("subject", $"A subject of 1 to {MaxSubjectLength} characters is required (or a templateKey).");
        }
        if (string.IsNullOrWhiteSpace(request.Body) || request.Body.Length > MaxBodyLength)
        {
            error("body", $"A body of 1 to {MaxBodyLength} characters is required (or a templateKey).");
        }
    }

    /// <summary>The data is checked against the pinned version's declared variables now, so a gap is a 400, not a failed delivery later.</summary>
    private static void ValidateTemplate(SendNotificationRequest request, TemplateLookup? template, Action<string, string> error)
    {
        if (template?.Found is not { } version)
        {
            if (template is { KeyExists: true, RequestedVersion: { } missing })
            {
                error("templateVersion", $"Template '{request.TemplateKey}' has no version {missing}.");
            }
            else
            {
                error("templateKey", $"Unknown template '{request.TemplateKey}'. GET /api/templates lists them.");
            }
            return;
        }
        // Every locale covers the default's channels (a save-time rule), so the default's say what the template can send.
        var content = version.ToContent();
        if (request.Channel is { } channel && !TemplateParts.CanSend(LocaleFallback.Choose(content, content.DefaultLocale), channel))
        {
            error("channel", $"Template '{version.TemplateKey}' version {version.Version} has no {channel} content.");
        }
        foreach (var name in TemplateData.Missing(version.Variables, request.TemplateData))
        {
            error($"templateData.{name}", TemplateData.MissingMessage(version.TemplateKey, name));
        }
    }

    /// <summary>Fields that become a mail header or a key: one line, no control characters.</summary>
    private static void RequireSingleLine(Action<string, string> error, params (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value is not null && !TextRules.IsSingleLine(value))
            {
                error(field, TextRules.SingleLineMessage);
            }
        }
    }

    private static bool IsEmailAddress(string contact) =>
        MailAddress.TryCreate(contact, out var address) && address.Address == contact.Trim() && contact.Length <= MaxContactLength;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
