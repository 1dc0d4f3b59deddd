using System.Net.Mail;
using Notifications.Api.Requests;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Sending;

/// <summary>
/// Checks a send request field by field. Errors are keyed by the JSON path of the offending field
/// (`recipients[1].contact`), which is what a caller needs to fix it.
/// </summary>
public static class SendNotificationValidator
{
    public const int MaxRecipients = 100;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;
    public const int MaxKeyLength = 200;

    public static Dictionary<string, string[]> Validate(SendNotificationRequest request, NotificationTemplates templates)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(request.Channel))
        {
            Error("channel", "A channel is required.");
        }
        else if (!Channels.Supported.Contains(request.Channel))
        {
            Error("channel", $"Unsupported channel '{request.Channel}'. Supported: {string.Join(", ", Channels.Supported)}.");
        }

        ValidateRecipients(request, Error);
        ValidateContent(request, templates, Error);

        if (request.CorrelationKey is { Length: > MaxKeyLength })
        {
            Error("correlationKey", $"At most {MaxKeyLength} characters.");
        }
        RequireSingleLine(Error, ("channel", request.Channel), ("subject", request.Subject), ("templateKey", request.TemplateKey),
            ("correlationKey", request.CorrelationKey));
        return errors;
    }

    private static void ValidateRecipients(SendNotificationRequest request, Action<string, string> error)
    {
        if (request.Recipients is not { Count: > 0 } recipients)
        {
            error("recipients", "At least one recipient is required.");
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
            if (string.IsNullOrWhiteSpace(contact))
            {
                error($"recipients[{i}].contact", "A contact is required.");
            }
            else if (request.Channel == Channels.Email && !IsEmailAddress(contact))
            {
                error($"recipients[{i}].contact", $"'{contact}' is not an email address.");
            }
        }
    }

    private static void ValidateContent(SendNotificationRequest request, NotificationTemplates templates, Action<string, string> error)
    {
        var hasText = request.Subject is not null || request.Body is not null;
        if (request.TemplateData is not null && request.TemplateKey is null)
        {
            error("templateData", "Template data needs a templateKey.");
        }
        foreach (var field in NotificationTemplates.PathsCarryingNul(request.TemplateData))
        {
            error(field, TextRules.NulMessage);
        }
        if (request.TemplateKey is not null)
        {
            if (hasText)
            {
                error("templateKey", "Give either a template key or a subject and body, not both.");
            }
            foreach (var (field, message) in templates.Check(request.TemplateKey, request.TemplateData))
            {
                error(field, message);
            }
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
        MailAddress.TryCreate(contact, out var address) && address.Address == contact.Trim() && contact.Length <= 320;
}
