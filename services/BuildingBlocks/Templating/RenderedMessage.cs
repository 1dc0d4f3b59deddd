namespace NotificationAspire.Templating;

/// <summary>
/// A template rendered for one person: each channel's parts as that person reads them; a part the template
/// does not have is null. <see cref="Locale"/> is the variant chosen (after fallback), not the one asked for.
/// </summary>
public sealed record RenderedMessage(
    string Locale,
    string? EmailSubject,
    string? EmailHtml,
    string? EmailText,
    string? SmsText,
    string? PushTitle,
    string? PushBody,
    string? PushUrl,
    string? InAppTitle,
    string? InAppBody,
    string? InAppUrl);
