namespace Notifications.Api.Model;

/// <summary>One person a notification goes to, with the contact to use on its channel.</summary>
public sealed class NotificationRecipient
{
    public Guid NotificationId { get; init; }
    public required string UserId { get; init; }
    public required string Contact { get; init; }
}
