using NotificationAspire.Contracts.Templates;

namespace Notifications.Api.Model;

/// <summary>
/// One saved state of a template, never changed afterwards: a send pins it, so what a notification says
/// does not depend on edits made after it was accepted.
/// </summary>
public sealed class TemplateVersion
{
    public required string TemplateKey { get; init; }
    public int Version { get; init; }
    public required string DefaultLocale { get; init; }

    /// <summary>The data every send must carry; a part may read nothing else (besides the recipient).</summary>
    public required List<string> Variables { get; init; }
    public List<TemplateLocaleVariant> Variants { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>As a send pins it in its event: all locale variants, for the worker to choose per person.</summary>
    public TemplateContent ToContent() => new(TemplateKey, Version, DefaultLocale,
        Variants.OrderBy(v => v.Locale, StringComparer.Ordinal).Select(v => v.ToVariant()).ToList());
}
