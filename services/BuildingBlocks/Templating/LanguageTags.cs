using System.Text.RegularExpressions;

namespace NotificationAspire.Templating;

/// <summary>
/// Well-formed BCP 47 language tags (RFC 5646): language, optional script, region, variants, extensions and
/// private use. Checked by shape, not against ICU's culture list, so a tag is accepted the same on every host.
/// </summary>
public static partial class LanguageTags
{
    public const int MaxLength = 35;

    public static bool IsWellFormed(string? tag) => tag is { Length: > 0 and <= MaxLength } && Shape().IsMatch(tag);

    [GeneratedRegex(
        @"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
