namespace Notifications.Api.Model;

/// <summary>One person subscribed to one topic. The key (topic, user) is also the index the fan-out pages through.</summary>
public sealed class TopicSubscription
{
    public required string TopicKey { get; init; }
    public required string UserId { get; init; }
    public DateTimeOffset SubscribedAt { get; init; }
}
