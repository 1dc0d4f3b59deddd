namespace NotificationAspire.Outbox;

/// <summary>
/// An event waiting to be published, inserted in the same transaction as the change it announces. Rows are
/// only ever inserted by callers and deleted by the relay once the broker has them, so the table has the shape
/// a CDC connector reads (Debezium's outbox router: aggregate type routes to the topic, aggregate id is the
/// record key, type and payload travel as they are); the relay could then be switched off.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The event id: a row published twice is recognisably the same event.</summary>
    public Guid Id { get; init; }

    /// <summary>The topic the event is routed to.</summary>
    public required string AggregateType { get; init; }

    /// <summary>The record key: events of one aggregate keep their order.</summary>
    public required string AggregateId { get; init; }

    public required string EventType { get; init; }
    public required string Payload { get; init; }

    /// <summary>W3C traceparent of the work that wrote it, so the publish joins the same trace.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
