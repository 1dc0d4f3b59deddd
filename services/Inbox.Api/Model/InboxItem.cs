namespace Inbox.Api.Model;

/// <summary>
/// One in-app message in a person's inbox, as projected from <c>InAppMessageDelivered</c>. Projected data only: it
/// can be deleted and rebuilt from the events, so what the person did with it lives apart (<see cref="ItemMark"/>).
/// </summary>
public sealed class InboxItem
{
    public required string UserId { get; init; }
    public required Guid NotificationId { get; init; }

    /// <summary>
    /// The item's place in the person's inbox: 1, 2, 3... in the order the items were projected. One person's messages
    /// share a partition, so a rebuild reads them in the same order and numbers them the same: cursors and the
    /// stream's Last-Event-ID stay valid across rebuilds.
    /// </summary>
    public required long Sequence { get; init; }

    /// <summary>The event's id (the delivery key): what makes projecting it twice a no-op.</summary>
    public required string EventId { get; init; }

    public required string Category { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Url { get; init; }
    public string? Locale { get; init; }
    public required DateTimeOffset DeliveredAt { get; init; }
}
