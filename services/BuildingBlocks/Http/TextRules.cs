namespace NotificationAspire.Http;

/// <summary>
/// Characters a field may not carry. NUL reaches nothing intact (PostgreSQL's text and jsonb refuse it), and
/// a line break in a field that ends up in a mail header (a subject, an address) would start a header of its
/// own, so single-line fields refuse every control character.
/// </summary>
public static class TextRules
{
    public const string NulMessage = "Must not contain the NUL character (U+0000).";
    public const string SingleLineMessage = "Must be one line without control characters (no CR, LF, tab, NUL or line separator).";

    public static bool HasNul(string text) => text.Contains('\0', StringComparison.Ordinal);

    public static bool IsSingleLine(string text) => !text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
}
