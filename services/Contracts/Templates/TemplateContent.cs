namespace NotificationAspire.Contracts.Templates;

/// <summary>
/// One version of a template, as a send pins it: carried in the request and dispatch events, so the worker
/// renders it in each recipient's locale at delivery time without asking the service that stores templates,
/// and an edit after the send never changes what that send says.
/// </summary>
/// <param name="Variants">One per locale; the one for <paramref name="DefaultLocale"/> is always present.</param>
public sealed record TemplateContent(string Key, int Version, string DefaultLocale, IReadOnlyList<TemplateVariant> Variants);

/// <summary>
/// The Liquid sources for one locale, per channel part; a part a template does not use is null. Placeholders
/// see the send's data at the top level and the person as `recipient` (userId, locale, data).
/// </summary>
public sealed record TemplateVariant(
    string Locale,
    string? EmailSubject = null,
    string? EmailHtml = null,
    string? EmailText = null,
    string? SmsText = null,
    string? PushTitle = null,
    string? PushBody = null,
    string? PushUrl = null,
    string? InAppTitle = null,
    string? InAppBody = null,
    string? InAppUrl = null);
