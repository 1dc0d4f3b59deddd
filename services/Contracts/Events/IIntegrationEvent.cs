namespace NotificationAspire.Contracts.Events;

/// <summary>
/// An event services exchange: it names its CloudEvents type, the topic it travels on and the key that keeps
/// related events in order, so publishers and subscribers name only the event. Records implement it.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>The CloudEvents `type` (reverse-DNS), what subscribers dispatch on.</summary>
    static abstract string EventType { get; }

    /// <summary>Where the event goes unless a publisher has a reason to send it elsewhere (a retry tier, the dead letters).</summary>
    static abstract KafkaTopic Topic { get; }

    /// <summary>The payload version this code reads; a record of another version is dead-lettered, never guessed at.</summary>
    static virtual int KnownSchemaVersion => 1;

    int SchemaVersion { get; }

    /// <summary>Events with the same key keep their order (they share a partition).</summary>
    string PartitionKey { get; }

    /// <summary>
    /// What a received payload lacks that no subscriber can do without, or null when it is complete. JSON leaves a
    /// missing property null whatever the type says, so each event states its own requirements.
    /// </summary>
    string? MissingFields();
}

/// <summary>An event that must not be handled before a moment (a retry's backoff): its partition waits until then.</summary>
public interface IScheduledEvent
{
    DateTimeOffset? NotBefore { get; }
}
