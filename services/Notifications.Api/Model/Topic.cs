namespace Notifications.Api.Model;

/// <summary>A named audience (`product-news`) people subscribe to, so a sender can tell all of them at once.</summary>
public sealed class Topic
{
    /// <summary>The key senders name in a send: lowercase letters, digits and single hyphens.</summary>
    public required string Key { get; init; }
    public required string Name { get; set; }

    /// <summary>Who created it: a client id for services, a person's subject otherwise.</summary>
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
