using NotificationAspire.Contracts.Events;

namespace NotificationAspire.TestSupport;

/// <summary>A status event as it is on the wire: CloudEvents headers and the payload.</summary>
public sealed record StatusEvent(string? Id, string? Type, string? Source, string? SpecVersion, string? Time, string? TraceParent,
    DeliveryStatusChanged Payload);
