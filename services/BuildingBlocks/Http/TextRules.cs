using System.Text.Json.Nodes;

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

    /// <summary>Paths (`templateData.a.b`) of names and strings in free-form JSON that carry NUL, which no store keeps.</summary>
    public static IEnumerable<string> PathsCarryingNul(JsonNode? node, string field) => node switch
    {
        JsonObject obj => obj.SelectMany(p => HasNul(p.Key)
            ? [FieldOf(p.Value?.GetPath() ?? obj.GetPath() + "." + p.Key, field)]
            : PathsCarryingNul(p.Value, field)),
        JsonArray array => array.SelectMany(item => PathsCarryingNul(item, field)),
        JsonValue value when value.TryGetValue<string>(out var text) && HasNul(text) => [FieldOf(value.GetPath(), field)],
        _ => [],
    };

    // The JSON's own root is "$": "$.name" -> "templateData.name".
    private static string FieldOf(string path, string field) => field + path[1..];
}
