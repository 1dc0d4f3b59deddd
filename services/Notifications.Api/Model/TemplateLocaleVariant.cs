using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Model;

/// <summary>A template version's Liquid sources for one locale, per channel part; a part the template does not use is null.</summary>
public sealed class TemplateLocaleVariant
{
    public required string TemplateKey { get; init; }
    public int Version { get; init; }
    public required string Locale { get; init; }
    public string? EmailSubject { get; init; }
    public string? EmailHtml { get; init; }
    public string? EmailText { get; init; }
    public string? SmsText { get; init; }
    public string? PushTitle { get; init; }
    public string? PushBody { get; init; }
    public string? PushUrl { get; init; }
    public string? InAppTitle { get; init; }
    public string? InAppBody { get; init; }
    public string? InAppUrl { get; init; }

    public TemplateVariant ToVariant() =>
        new(Locale, EmailSubject, EmailHtml, EmailText, SmsText, PushTitle, PushBody, PushUrl, InAppTitle, InAppBody, InAppUrl);

    public static TemplateLocaleVariant From(string key, int version, TemplateVariant v) => new()
    {
        TemplateKey = key,
        Version = version,
        Locale = v.Locale,
        EmailSubject = v.EmailSubject,
        EmailHtml = v.EmailHtml,
        EmailText = v.EmailText,
        SmsText = v.SmsText,
        PushTitle = v.PushTitle,
        PushBody = v.PushBody,
        PushUrl = v.PushUrl,
        InAppTitle = v.InAppTitle,
        InAppBody = v.InAppBody,
        InAppUrl = v.InAppUrl,
    };
}
