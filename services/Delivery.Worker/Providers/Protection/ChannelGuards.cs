using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Providers.Protection;

/// <summary>The breaker and the limits of one channel, shared by every send on it in this process.</summary>
internal sealed class ChannelGuard(string channel, ProtectionLimits limits, TimeProvider time, ProtectionMetrics metrics, ILogger logger)
{
    public CircuitBreaker Breaker { get; } = new(channel, limits, time, metrics, logger);

    public TokenBucket Provider { get; } = new(limits.ProviderPermitsPerSecond, TimeSpan.FromSeconds(1));

    public RecipientRateLimiter Recipients { get; } = new(limits.RecipientPermitsPerMinute);
}

/// <summary>
/// One <see cref="ChannelGuard"/> per channel, whatever lifetime the providers are registered with: a scoped
/// provider is decorated anew in every scope, but its circuit and buckets must outlive the scope.
/// </summary>
internal sealed class ChannelGuards(
    IOptions<ProviderProtectionOptions> options,
    TimeProvider time,
    ProtectionMetrics metrics,
    ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, Lazy<ChannelGuard>> guards = new(StringComparer.Ordinal);
    private readonly ILogger logger = loggerFactory.CreateLogger("Delivery.Worker.Providers.Protection.CircuitBreaker");

    public ChannelGuard For(string channel) =>
        guards.GetOrAdd(channel, c => new Lazy<ChannelGuard>(() => new ChannelGuard(c, options.Value.For(c), time, metrics, logger))).Value;
}
