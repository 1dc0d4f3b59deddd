using Delivery.Worker.Providers.Protection;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Providers.StateReports;

/// <summary>The report on one provider of one replica, from its breaker's snapshot and its tally.</summary>
public static class ProviderStateReports
{
    public static ProviderStateReported Build(string replicaId, IChannelProvider provider, int position, CircuitSnapshot breaker,
        TallyWindow tally, DateTimeOffset now) =>
        new(replicaId, provider.Channel, provider.Name, position, Name(breaker.State), breaker.Since, breaker.OpenUntil, breaker.LastError, now)
        {
            Counts = new ProviderSendCounts(tally.Accepted, tally.Rejected, tally.Failed, tally.Deferred),
            CountsSince = tally.Since,
        };

    public static string Name(CircuitState state) => state switch
    {
        CircuitState.Open => BreakerStates.Open,
        CircuitState.HalfOpen => BreakerStates.HalfOpen,
        _ => BreakerStates.Closed,
    };
}
