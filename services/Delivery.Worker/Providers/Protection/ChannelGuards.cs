using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Protection;

/// <summary>The breaker, the send rate and the tally of one provider, shared by every send through it in this process.</summary>
internal sealed class ProviderGuard(string label, ProtectionLimits limits, TimeProvider time, ProtectionMetrics metrics, ILogger logger,
    Action? transitioned)
{
    public CircuitBreaker Breaker { get; } = new(label, limits, time, metrics, logger, transitioned);

    public TokenBucket Provider { get; } = new(limits.ProviderPermitsPerSecond, TimeSpan.FromSeconds(1));

    public ProviderTally Tally { get; } = new(time.GetUtcNow());
}

/// <summary>
/// One <see cref="ProviderGuard"/> per provider and one recipient limit per channel, whatever lifetime the
/// providers are registered with: a scoped provider is decorated anew in every scope, but its circuit and
/// buckets must outlive the scope. The person's limit belongs to the channel, not the provider: failing over
/// from Twilio to Vonage must not double how many texts one person can get in a minute.
/// </summary>
internal sealed class ChannelGuards(
    IOptions<ProviderProtectionOptions> options,
    TimeProvider time,
    ProtectionMetrics metrics,
    ILoggerFactory loggerFactory,
    BreakerTransitions transitions)
{
    private readonly ConcurrentDictionary<string, Lazy<ProviderGuard>> providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<RecipientRateLimiter>> recipients = new(StringComparer.Ordinal);
    private readonly ILogger logger = loggerFactory.CreateLogger("Delivery.Worker.Providers.Protection.CircuitBreaker");

    /// <summary>`email` for a channel's only provider named for it, `sms/twilio` otherwise: how logs, metrics and reasons name it.</summary>
    public static string Label(IChannelProvider provider) =>
        provider.Name == provider.Channel ? provider.Channel : $"{provider.Channel}/{provider.Name}";

    public ProviderGuard For(IChannelProvider provider) =>
        providers.GetOrAdd(Label(provider), label => new Lazy<ProviderGuard>(
            () => new ProviderGuard(label, options.Value.For(provider.Channel), time, metrics, logger, () => transitions.Note(label)))).Value;

    public RecipientRateLimiter RecipientsOf(string channel) =>
        recipients.GetOrAdd(channel, c => new Lazy<RecipientRateLimiter>(
            () => new RecipientRateLimiter(options.Value.For(c).RecipientPermitsPerMinute))).Value;
}
