using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotificationAspire.Http;

/// <summary>
/// Free-form JSON a caller hands over (a profile's custom data, say) is read lazily: a name given twice or a
/// lone surrogate escape surfaces only when something walks it, as an exception, a 500. Walking it once here
/// turns each into a problem naming the field, and refuses what PostgreSQL's jsonb would refuse on save: NUL
/// in any name or string, and numbers whose exponent is beyond what a double (and JSON's interop advice) allows.
/// </summary>
public static partial class FreeFormJson
{
    public const string DuplicateMessage = "A field name appears more than once.";
    public const string NotUnicodeMessage = "Not valid Unicode text.";
    public const string NumberMessage = "A number beyond ±1e308, or closer to zero than 1e-308.";
    private const int MaxExponent = 308;

    [GeneratedRegex(@"[eE]([+-]?[0-9]+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Exponent();

    /// <summary>Every problem as (field, message), the field being the JSON path under <paramref name="root"/> (`data.tags[1]`).</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(JsonNode? node, string root)
    {
        var problems = new List<(string Field, string Message)>();
        Walk(node, root, problems);
        return problems;
    }

    private static void Walk(JsonNode? node, string path, List<(string, string)> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                WalkObject(obj, path, problems);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", problems);
                }
                break;
            case JsonValue value:
                CheckValue(value, path, problems);
                break;
        }
    }

    private static void WalkObject(JsonObject obj, string path, List<(string, string)> problems)
    {
        List<KeyValuePair<string, JsonNode?>> members;
        try
        {
            members = [.. obj]; // builds the object's dictionary: this is where a repeated name or a broken escape throws
        }
        catch (ArgumentException)
        {
            problems.Add((path, DuplicateMessage));
            return;
        }
        catch (InvalidOperationException)
        {
            problems.Add((path, NotUnicodeMessage));
            return;
        }
        foreach (var (name, child) in members)
        {
            if (TextRules.HasNul(name))
            {
                problems.Add(($"{path}.{name}", TextRules.NulMessage));
                continue;
            }
            Walk(child, $"{path}.{name}", problems);
        }
    }

    private static void CheckValue(JsonValue value, string path, List<(string, string)> problems)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                try
                {
                    if (TextRules.HasNul(value.GetValue<string>()))
                    {
                        problems.Add((path, TextRules.NulMessage));
                    }
                }
                catch (InvalidOperationException)
                {
                    problems.Add((path, NotUnicodeMessage));
                }
                break;
            case JsonValueKind.Number when !Fits(value.ToJsonString()):
                problems.Add((path, NumberMessage));
                break;
        }
    }

    // From the number's text, whatever built the node. 1e-400 reads as a double of 0, yet PostgreSQL's numeric
    // refuses it: the written exponent must fit too.
    private static bool Fits(string number) =>
        double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
        && (Exponent().Match(number) is not { Success: true } match
        || (int.TryParse(match.Groups[1].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && Math.Abs(exponent) <= MaxExponent));
}
