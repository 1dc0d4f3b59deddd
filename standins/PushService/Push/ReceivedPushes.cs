using System.Collections.Concurrent;

namespace NotificationAspire.Standins.PushService.Push;

/// <summary>
/// One push message the service accepted for a subscription: its headers as sent and the encrypted body
/// (base64), which only the subscriber's private key opens.
/// </summary>
public sealed record ReceivedPush(string Id, string Subscription, int Ttl, string Urgency, string? Topic, string ContentEncoding,
    string VapidSubject, string Body, DateTimeOffset ReceivedAt);

/// <summary>Every push accepted since start (or the last clear), in arrival order.</summary>
public sealed class ReceivedPushes
{
    private readonly ConcurrentQueue<ReceivedPush> pushes = new();

    public void Add(ReceivedPush push) => pushes.Enqueue(push);

    public IReadOnlyList<ReceivedPush> All() => [.. pushes];

    public void Clear() => pushes.Clear();
}

/// <summary>Subscriptions told to be gone (a browser that unsubscribed): pushes to them answer 410.</summary>
public sealed class GoneSubscriptions
{
    private readonly ConcurrentDictionary<string, bool> gone = new(StringComparer.Ordinal);

    public void MarkGone(string subscription) => gone[subscription] = true;

    public bool IsGone(string subscription) => gone.ContainsKey(subscription);
}
