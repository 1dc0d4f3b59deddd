using System.Diagnostics;
using Delivery.Worker.Observability;

namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// Puts a provider's circuit breaker and rate limit, and its channel's limit per person, in front of it. Held-back sends come back as
/// <see cref="ChannelSendResult.Deferred"/> at once (a consumer never waits here); the provider's own answers
/// and exceptions pass through unchanged, so transient failures still reach the caller's retry tiers.
/// </summary>
internal sealed class ProtectedChannelProvider(IChannelProvider inner, ChannelGuards guards, TimeProvider time, ProtectionMetrics metrics)
    : IChannelProvider
{
    public string Channel => inner.Channel;

    public string Name => inner.Name;

    public async Task<ChannelSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var guard = guards.For(inner);
        var recipients = guards.RecipientsOf(inner.Channel);
        if (!guard.Breaker.TryPass(out var pass, out var circuitOpen))
        {
            return Defer(guard, circuitOpen, DeferralReasons.CircuitOpen);
        }

        // The person first: it is the more specific limit, and then its token is the one to return if the provider's is refused.
        var now = time.GetUtcNow();
        if (!recipients.TryTake(message.Contact, now, out var retryAfter))
        {
            guard.Breaker.Abandoned(pass);
            return Defer(guard, new ChannelSendResult.Deferred("rate limit: recipient", now + retryAfter), DeferralReasons.RecipientRateLimit);
        }
        if (!guard.Provider.TryTake(now, out retryAfter))
        {
            recipients.Return(message.Contact);
            guard.Breaker.Abandoned(pass);
            return Defer(guard, new ChannelSendResult.Deferred($"rate limit: provider {ChannelGuards.Label(inner)}", now + retryAfter), DeferralReasons.ProviderRateLimit);
        }

        var started = Stopwatch.GetTimestamp(); // only real calls to the provider are timed, never deferrals
        try
        {
            var result = await inner.SendAsync(message, cancellationToken);
            DeliveryMetrics.SendFinished(Channel, started, threw: false);
            guard.Breaker.Answered(pass);
            guard.Tally.Answered(result);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // We gave up (the send budget ran out), the provider did not fail.
            guard.Breaker.Abandoned(pass);
            throw;
        }
        catch (Exception ex)
        {
            // A provider that failed sent nothing the person sees (or, after a timeout, rarely): the token goes back,
            // so a message that fails over to the next provider, or is retried, counts once against their limit.
            recipients.Return(message.Contact);
            DeliveryMetrics.SendFinished(Channel, started, threw: true);
            guard.Breaker.Failed(pass, ex);
            guard.Tally.Failed();
            throw;
        }
    }

    private ChannelSendResult.Deferred Defer(ProviderGuard guard, ChannelSendResult.Deferred deferral, string reason)
    {
        metrics.Deferred(Channel, reason);
        guard.Tally.Deferred();
        Activity.Current?.AddEvent(new ActivityEvent("delivery.deferred", tags: new ActivityTagsCollection
        {
            ["notificationaspire.deferral.reason"] = reason,
            ["notificationaspire.deferral.detail"] = deferral.Reason,
            ["notificationaspire.deferral.not_before"] = deferral.NotBefore.ToString("O"),
        }));
        return deferral with { Cause = reason };
    }
}
