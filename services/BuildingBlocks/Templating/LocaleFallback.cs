using NotificationAspire.Contracts.Templates;

namespace NotificationAspire.Templating;

/// <summary>
/// Which locale variant a person reads: their exact locale, then its parents (`de-AT` -> `de`, RFC 4647 lookup),
/// then the template's default. Tags compare case-insensitively, as BCP 47 says they do.
/// </summary>
public static class LocaleFallback
{
    public static TemplateVariant Choose(TemplateContent content, string? locale)
    {
        foreach (var candidate in Chain(locale))
        {
            if (Find(content, candidate) is { } variant)
            {
                return variant;
            }
        }
        return Find(content, content.DefaultLocale)
            ?? throw new InvalidOperationException($"Template '{content.Key}' version {content.Version} has no variant for its default locale '{content.DefaultLocale}'.");
    }

    /// <summary>The tag and each shorter prefix, dropping a single-letter subtag with what follows it (`de-x-foo` -> `de`).</summary>
    public static IEnumerable<string> Chain(string? locale)
    {
        var tag = locale?.Trim().Replace('_', '-');
        while (!string.IsNullOrEmpty(tag))
        {
            yield return tag;
            var cut = tag.LastIndexOf('-');
            tag = cut < 0 ? null : tag[..cut];
            if (tag is not null && tag.Length - tag.LastIndexOf('-') == 2)
            {
                var singleton = tag.LastIndexOf('-');
                tag = singleton < 0 ? null : tag[..singleton];
            }
        }
    }

    private static TemplateVariant? Find(TemplateContent content, string locale) =>
        content.Variants.FirstOrDefault(v => string.Equals(v.Locale, locale, StringComparison.OrdinalIgnoreCase));
}
