using System.Runtime.ExceptionServices;
using Delivery.Worker.Providers.Protection;

namespace Delivery.Worker.Providers.Failover;

/// <summary>
/// One channel's providers in their configured order, as one provider. A provider that throws (timeout, 5xx,
/// refused connection) or is held back by its own breaker or rate limit is passed over at once for the next
/// in the same attempt, so one provider's outage never waits for a retry tier. The answer names the provider
/// that gave it and the ones passed over, which the delivery keeps and its status shows.
/// </summary>
/// <remarks>
/// A rejection is final: a number the first provider calls invalid is invalid at the second. A hold on the
/// person (their rate limit) is final too, or failing over would multiply what one person can be sent.
/// </remarks>
public sealed class ProviderFailover(string channel, IReadOnlyList<IChannelProvider> providers) : IChannelProvider
{
    public string Channel => channel;

    public string Name => string.Join(",", providers.Select(p => p.Name));

    public IReadOnlyList<IChannelProvider> Providers => providers;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var passedOver = new List<string>();
        ChannelSendResult.Deferred? soonest = null;
        Exception? lastError = null;
        foreach (var provider in providers)
        {
            ChannelSendResult result;
            try
            {
                result = await provider.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                passedOver.Add($"{provider.Name}: {ex.GetType().Name}: {ex.Message}");
                lastError = ex;
                continue;
            }
            if (result is ChannelSendResult.Deferred deferred && deferred.Cause != DeferralReasons.RecipientRateLimit)
            {
                passedOver.Add($"{provider.Name}: {deferred.Reason}");
                soonest = soonest is null || deferred.NotBefore < soonest.NotBefore ? deferred : soonest;
                continue;
            }
            return result with { Provider = provider.Name, FailedOver = passedOver };
        }

        // Every provider failed or was held back. A failure uses up the attempt (a retry tier, then the dead
        // letters); when all were only held back, the attempt waits for the first to be free again.
        if (lastError is not null)
        {
            if (providers.Count == 1)
            {
                // A channel with one provider reports its error as it was, the way it did before failover existed.
                ExceptionDispatchInfo.Throw(lastError);
            }
            throw new ProvidersFailedException(channel, passedOver, lastError);
        }
        return (soonest ?? throw new InvalidOperationException($"No provider is configured for {channel}.")) with { FailedOver = passedOver };
    }
}

/// <summary>Every provider of a channel failed in one attempt; the message lists each one's error.</summary>
public sealed class ProvidersFailedException(string channel, IReadOnlyList<string> failures, Exception last)
    : Exception($"Every {channel} provider failed: {string.Join("; ", failures)}", last)
{
    public IReadOnlyList<string> Failures => failures;
}
