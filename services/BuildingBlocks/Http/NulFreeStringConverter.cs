using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotificationAspire.Http;

/// <summary>
/// Reads every string of a request body and refuses one carrying NUL, while the serializer still knows the
/// field's path: the caller gets a 400 naming the field instead of a 500 from the database.
/// </summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && TextRules.HasNul(text) ? throw new ForbiddenCharacterException() : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A string in the body carries NUL; the serializer fills in where.</summary>
public sealed class ForbiddenCharacterException() : JsonException(TextRules.NulMessage);
