namespace Inbox.Api.Model;

/// <summary>
/// What a person did with one of their items: seen, read, archived. inbox-api's own data (the result of commands,
/// not of events), so a rebuild of the projection keeps it; it is joined to the item by person and notification.
/// </summary>
public sealed class ItemMark
{
    public required string UserId { get; init; }
    public required Guid NotificationId { get; init; }
    public DateTimeOffset? SeenAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}
