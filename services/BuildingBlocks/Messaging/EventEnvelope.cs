using System.Text.Json;

namespace NotificationAspire.Messaging;

/// <summary>
/// One event on the wire: CloudEvents attributes (carried as `ce_*` Kafka headers), the record key, the
/// JSON payload and the W3C trace context of whoever caused it. Extensions are further headers (the
/// dead-letter reason and attempt history, say).
/// </summary>
public sealed record EventEnvelope(
    string Id,
    string Type,
    string Source,
    DateTimeOffset Time,
    string Key,
    string PayloadJson,
    string? TraceParent = null,
    string? TraceState = null,
    IReadOnlyDictionary<string, string>? Extensions = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static EventEnvelope Create<T>(string id, string type, string source, DateTimeOffset time, string key, T payload,
        string? traceParent = null, string? traceState = null, IReadOnlyDictionary<string, string>? extensions = null) =>
        new(id, type, source, time, key, JsonSerializer.Serialize(payload, JsonOptions), traceParent, traceState, extensions);

    public string? Extension(string name) => Extensions is not null && Extensions.TryGetValue(name, out var value) ? value : null;

    public T Payload<T>() => JsonSerializer.Deserialize<T>(PayloadJson, JsonOptions)
        ?? throw new JsonException($"Event {Id} of type {Type} has an empty payload.");
}
