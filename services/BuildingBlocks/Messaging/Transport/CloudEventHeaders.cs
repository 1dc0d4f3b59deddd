using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace NotificationAspire.Messaging;

/// <summary>
/// CloudEvents' Kafka protocol binding in binary mode: attributes as `ce_*` headers, the payload as the value.
/// CloudNative.CloudEvents.Kafka is not on our package source; this is the part of it we use.
/// </summary>
public static class CloudEventHeaders
{
    public const string SpecVersion = "ce_specversion";
    public const string Id = "ce_id";
    public const string Source = "ce_source";
    public const string Type = "ce_type";
    public const string Time = "ce_time";
    public const string ContentType = "content-type";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public static Message<string, byte[]> ToMessage(EventEnvelope envelope)
    {
        var headers = new Headers();
        Add(headers, SpecVersion, "1.0");
        Add(headers, Id, envelope.Id);
        Add(headers, Source, envelope.Source);
        Add(headers, Type, envelope.Type);
        Add(headers, Time, envelope.Time.ToString("O", CultureInfo.InvariantCulture));
        Add(headers, ContentType, "application/json");
        Add(headers, TraceParent, envelope.TraceParent);
        Add(headers, TraceState, envelope.TraceState);
        foreach (var (name, value) in envelope.Extensions ?? new Dictionary<string, string>())
        {
            Add(headers, name, value);
        }
        return new Message<string, byte[]> { Key = envelope.Key, Value = Encoding.UTF8.GetBytes(envelope.PayloadJson), Headers = headers };
    }

    /// <summary>Reads an envelope back; a record without the required attributes is not one of ours.</summary>
    public static EventEnvelope FromMessage(Message<string, byte[]> message)
    {
        string Required(string name) => Read(message.Headers, name)
            ?? throw new FormatException($"The record has no '{name}' header, so it is not a CloudEvent.");

        return new EventEnvelope(
            Required(Id),
            Required(Type),
            Required(Source),
            DateTimeOffset.Parse(Required(Time), CultureInfo.InvariantCulture),
            message.Key ?? string.Empty,
            Encoding.UTF8.GetString(message.Value ?? []),
            Read(message.Headers, TraceParent),
            Read(message.Headers, TraceState),
            ExtensionsOf(message.Headers));
    }

    private static readonly HashSet<string> Reserved = [ContentType, TraceParent, TraceState];

    private static Dictionary<string, string>? ExtensionsOf(Headers? headers)
    {
        var extensions = headers?
            .Where(h => !h.Key.StartsWith("ce_", StringComparison.Ordinal) && !Reserved.Contains(h.Key))
            .GroupBy(h => h.Key)
            .ToDictionary(g => g.Key, g => Encoding.UTF8.GetString(g.Last().GetValueBytes()));
        return extensions is { Count: > 0 } ? extensions : null;
    }

    public static string? Read(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private static void Add(Headers headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }
    }
}
