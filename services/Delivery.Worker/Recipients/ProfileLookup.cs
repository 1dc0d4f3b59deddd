using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Recipients;

/// <summary>What the worker could learn about a person for one attempt.</summary>
public abstract record ProfileLookup
{
    /// <summary>The profile; <paramref name="CachedAt"/> is set when the service could not answer and an earlier answer stood in.</summary>
    public sealed record Found(DeliveryProfile Profile, DateTimeOffset? CachedAt) : ProfileLookup;

    /// <summary>No answer and nothing recent enough remembered: the delivery waits.</summary>
    public sealed record Unavailable(string Reason) : ProfileLookup;
}
