namespace Notifications.Api.Data;

/// <summary>
/// An event waiting to be published, written in the same transaction as the change it announces.
/// The relay publishes it and marks it; until then a crash loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string Topic { get; init; }
    public required string Key { get; init; }
    public required string EventType { get; init; }
    public required string PayloadJson { get; init; }

    /// <summary>W3C traceparent of the request that wrote it, so the publish joins the same trace.</summary>
    public string? TraceParent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int PublishAttempts { get; set; }
    public string? LastError { get; set; }
}
