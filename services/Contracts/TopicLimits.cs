namespace NotificationAspire.Contracts;

/// <summary>What one call that (un)subscribes people to a topic may carry; the gateway lets those bodies through up to the same size.</summary>
public static class TopicLimits
{
    public const int MaxSubscribersPerCall = 10_000;

    /// <summary>Ten thousand user ids of the longest kind (200 characters), quoted and separated, with room to spare.</summary>
    public const int MaxSubscribersBodyBytes = MaxSubscribersPerCall * 256;

    /// <summary>Topics one send may name.</summary>
    public const int MaxTopicsPerSend = 10;
}
