using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deployment.Tests.Support;

/// <summary>Rendered YAML as JSON nodes, plain scalars typed as YAML types them (8080 a number, "8080" text), so tests can query objects by kind and path.</summary>
public static class KubernetesObjects
{
    public static List<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => ToNode(d.RootNode)).OfType<JsonObject>().ToList();
    }

    public static string Kind(this JsonObject o) => (string)o["kind"]!;

    public static string Name(this JsonObject o) => (string)o["metadata"]!["name"]!;

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> objects, string kind) => objects.Where(o => o.Kind() == kind);

    public static JsonObject Named(this IEnumerable<JsonObject> objects, string kind, string name) =>
        objects.OfKind(kind).SingleOrDefault(o => o.Name() == name) ?? throw new Xunit.Sdk.XunitException($"No {kind} named {name}.");

    public static IEnumerable<JsonObject> Items(this JsonNode? array) => array?.AsArray().Select(n => n!.AsObject()) ?? [];

    // Written as JSON text and parsed back, so a number reads as int or long alike, as JsonNode does for any JSON.
    private static JsonNode? ToNode(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }
        return JsonNode.Parse(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value!);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode list:
                writer.WriteStartArray();
                foreach (var item in list.Children)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain } scalar:
                WritePlain(writer, scalar.Value);
                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }

    private static void WritePlain(Utf8JsonWriter writer, string? text)
    {
        if (text is null or "null" or "~" or "")
        {
            writer.WriteNullValue();
        }
        else if (text is "true" or "false")
        {
            writer.WriteBooleanValue(text == "true");
        }
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
