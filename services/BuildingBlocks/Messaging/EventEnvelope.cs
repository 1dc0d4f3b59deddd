using System.Text.Json;

namespace NotificationAspire.Messaging;

/// <summary>
/// One event on the wire: CloudEvents attributes (carried as `ce_*` Kafka headers), the record key, the
/// JSON payload and the W3C trace context of whoever caused it.
/// </summary>
public sealed record EventEnvelope(
    string Id,
    string Type,
    string Source,
    DateTimeOffset Time,
    string Key,
    string PayloadJson,
    string? TraceParent = null,
    string? TraceState = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static EventEnvelope Create<T>(string id, string type, string source, DateTimeOffset time, string key, T payload,
        string? traceParent = null, string? traceState = null) =>
        new(id, type, source, time, key, JsonSerializer.Serialize(payload, JsonOptions), traceParent, traceState);

    public T Payload<T>() => JsonSerializer.Deserialize<T>(PayloadJson, JsonOptions)
        ?? throw new JsonException($"Event {Id} of type {Type} has an empty payload.");
}
