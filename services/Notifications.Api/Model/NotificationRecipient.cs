namespace Notifications.Api.Model;

/// <summary>One person a notification goes to, and the contact the sender gave for them, if any (else their profile's).</summary>
public sealed class NotificationRecipient
{
    public Guid NotificationId { get; init; }
    public required string UserId { get; init; }
    public string? Contact { get; init; }
}
