using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotificationAspire.Contracts.Recipients;

namespace NotificationAspire.Templating;

/// <summary>JSON as the plain .NET values Fluid reads natively: objects as dictionaries, arrays as lists.</summary>
internal static class TemplateValues
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(From).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            // Read through the JSON text: a node built in code holds an int or a Guid, not the string or decimal asked for.
            JsonValueKind.String => value.TryGetValue<string>(out var text) ? text : value.Deserialize<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Liquid arithmetic and comparisons want decimals; a number beyond decimal's range stays a double.
            JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : value.Deserialize<double>(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>The person as templates see them: `recipient.userId`, `recipient.locale`, `recipient.data.*` and contacts.</summary>
    public static Dictionary<string, object?> Recipient(RecipientContact? recipient, string? locale) => new(StringComparer.Ordinal)
    {
        ["userId"] = recipient?.UserId,
        ["email"] = recipient?.Email,
        ["phone"] = recipient?.Phone,
        ["locale"] = recipient?.Locale ?? locale,
        ["timeZone"] = recipient?.TimeZone,
        ["data"] = From(recipient?.Data) ?? new Dictionary<string, object?>(StringComparer.Ordinal),
    };
}
