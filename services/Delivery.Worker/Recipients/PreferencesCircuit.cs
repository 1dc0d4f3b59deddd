using System.Diagnostics;
using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;
using ProtectionMetrics = Delivery.Worker.Providers.Protection.ProtectionMetrics;

namespace Delivery.Worker.Recipients;

/// <summary>
/// The state of the circuit breaker around `preferences-api`, as a gauge (`preferences_circuit_state`: 0 closed,
/// 1 open, 2 half-open) and on the trace of every lookup, so a dashboard shows when deliveries ran on cached answers.
/// </summary>
public sealed class PreferencesCircuit
{
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public PreferencesCircuit(IMeterFactory meterFactory)
    {
        meterFactory.Create(ProtectionMetrics.MeterName).CreateObservableGauge("preferences_circuit_state", () => Gauge(State), "{state}",
            "The circuit breaker around preferences-api: 0 closed, 1 open, 2 half-open.");
    }

    public CircuitState State => StateProvider.CircuitState;

    public void Tag(Activity? activity) => activity?.SetTag("notificationaspire.preferences.circuit", State.ToString());

    private static int Gauge(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 2,
        _ => 1, // Open and Isolated alike: no calls go out
    };
}
