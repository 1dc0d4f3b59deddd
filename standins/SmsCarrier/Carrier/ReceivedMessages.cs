using System.Collections.Concurrent;

namespace NotificationAspire.Standins.SmsCarrier.Carrier;

/// <summary>One text a provider API accepted: which provider, the numbers as sent, the text and its parts.</summary>
public sealed record ReceivedMessage(string Id, string Provider, string From, string To, string Text, int Segments, DateTimeOffset ReceivedAt);

/// <summary>Every text accepted since start (or the last clear), in arrival order.</summary>
public sealed class ReceivedMessages
{
    private readonly ConcurrentQueue<ReceivedMessage> messages = new();

    public void Add(ReceivedMessage message) => messages.Enqueue(message);

    public IReadOnlyList<ReceivedMessage> All() => [.. messages];

    public void Clear() => messages.Clear();
}
