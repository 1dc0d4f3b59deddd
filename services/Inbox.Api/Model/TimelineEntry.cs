namespace Inbox.Api.Model;

/// <summary>One step of one delivery (a recipient on a channel), from a status event; the event's id is the key, so it is kept once.</summary>
public sealed class TimelineEntry
{
    public required string EventId { get; init; }
    public required Guid NotificationId { get; init; }
    public required string RecipientUserId { get; init; }
    public required string Channel { get; init; }
    public required string State { get; init; }
    public required int Attempt { get; init; }
    public string? Error { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
