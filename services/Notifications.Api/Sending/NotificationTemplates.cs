using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Notifications.Api.Requests;

namespace Notifications.Api.Sending;

/// <summary>
/// The templates a caller can name instead of writing subject and body. `{{field}}` placeholders are
/// filled from the request's templateData; a missing field is a validation error, never a blank in an email.
/// A fixed catalog for now: template management (and locales) is a later step.
/// </summary>
public sealed partial class NotificationTemplates
{
    private sealed record Template(string Subject, string Body);

    private static readonly Dictionary<string, Template> Catalog = new(StringComparer.Ordinal)
    {
        ["order-shipped"] = new("Your order {{orderId}} has shipped",
            "Hello {{name}},\n\nyour order {{orderId}} is on its way. Track it at {{trackingUrl}}.\n"),
        ["password-changed"] = new("Your password was changed",
            "Hello {{name}},\n\nthe password of your account was changed at {{changedAt}}. If this was not you, contact support.\n"),
    };

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>Validation errors for a template key and its data, keyed by field path.</summary>
    public IEnumerable<(string Field, string Message)> Check(string key, JsonObject? data)
    {
        if (!Catalog.TryGetValue(key, out var template))
        {
            yield return ("templateKey", $"Unknown template '{key}'. Known: {string.Join(", ", Catalog.Keys)}.");
            yield break;
        }
        foreach (var field in Fields(template.Subject + template.Body).Where(f => data?[f] is not JsonValue))
        {
            yield return ($"templateData.{field}", $"Template '{key}' needs a value for '{field}'.");
        }
        // What fills the subject ends up in a mail header.
        foreach (var field in Fields(template.Subject).Where(f => data?[f] is JsonValue value && !TextRules.IsSingleLine(value.ToString())))
        {
            yield return ($"templateData.{field}", TextRules.SingleLineMessage);
        }
    }

    /// <summary>Paths (`templateData.a.b`) of names and strings in the data that carry NUL, which no store keeps.</summary>
    public static IEnumerable<string> PathsCarryingNul(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => TextRules.HasNul(p.Key)
            ? [FieldOf(p.Value?.GetPath() ?? obj.GetPath() + "." + p.Key)]
            : PathsCarryingNul(p.Value)),
        JsonArray array => array.SelectMany(PathsCarryingNul),
        JsonValue value when value.TryGetValue<string>(out var text) && TextRules.HasNul(text) => [FieldOf(value.GetPath())],
        _ => [],
    };

    // The data's own root is "$": "$.name" -> "templateData.name".
    private static string FieldOf(string path) => "templateData" + path[1..];

    public (string Subject, string Body) Render(string key, JsonObject? data)
    {
        var template = Catalog[key];
        string Fill(string text) => Placeholder().Replace(text, m => data?[m.Groups[1].Value]?.ToString() ?? string.Empty);
        return (Fill(template.Subject), Fill(template.Body));
    }

    private static IEnumerable<string> Fields(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct();
}
