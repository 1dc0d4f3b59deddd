using System.Diagnostics.Metrics;

namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// Counters on the "NotificationAspire.Delivery" meter (ServiceDefaults exports every "NotificationAspire.*"
/// meter). Prometheus shows them as <c>deliveries_deferred_total</c> and <c>circuit_state_changes_total</c>.
/// </summary>
public sealed class ProtectionMetrics
{
    public const string MeterName = "NotificationAspire.Delivery";

    private readonly Counter<long> deferred;
    private readonly Counter<long> circuitStateChanges;

    public ProtectionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        deferred = meter.CreateCounter<long>("deliveries_deferred", "{delivery}",
            "Sends held back by an open circuit or a rate limit; they go out later without using an attempt.");
        circuitStateChanges = meter.CreateCounter<long>("circuit_state_changes", "{change}",
            "Transitions of a provider's circuit breaker, by the state entered.");
    }

    /// <summary><paramref name="reason"/> is one of <see cref="DeferralReasons"/>, never free text, to keep the series few.</summary>
    public void Deferred(string channel, string reason) =>
        deferred.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));

    internal void CircuitStateChanged(string channel, CircuitState state) =>
        circuitStateChanges.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("state", state.ToString()));
}

/// <summary>Why a send was deferred, as a metric tag and trace attribute.</summary>
public static class DeferralReasons
{
    public const string CircuitOpen = "circuit_open";
    public const string ProviderRateLimit = "provider_rate_limit";
    public const string RecipientRateLimit = "recipient_rate_limit";
}
