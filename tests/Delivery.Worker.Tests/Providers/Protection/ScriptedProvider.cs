using Delivery.Worker.Providers;

namespace Delivery.Worker.Tests.Providers.Protection;

/// <summary>A provider whose answers the test decides, counting how often protection let a send reach it.</summary>
internal sealed class ScriptedProvider(string channel, string? name = null) : IChannelProvider
{
    private int calls;

    public string Channel => channel;

    public string Name => name ?? channel;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>What the next sends do; accepting is the default.</summary>
    public Func<OutgoingMessage, Task<ChannelSendResult>> Behaviour { get; set; } = Accept;

    public Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        return Behaviour(message);
    }

    public void AcceptAll() => Behaviour = Accept;

    public void RejectAll() => Behaviour = _ => Task.FromResult<ChannelSendResult>(new ChannelSendResult.Rejected("no such mailbox"));

    public void FailAll(string error = "connection refused") => Behaviour = _ => throw new IOException(error);

    private static Task<ChannelSendResult> Accept(OutgoingMessage message) =>
        Task.FromResult<ChannelSendResult>(new ChannelSendResult.Accepted($"id-{message.DeliveryKey}"));
}
