using System.Diagnostics.CodeAnalysis;

namespace Delivery.Worker.Providers.Protection;

public enum CircuitState
{
    Closed,
    Open,

    /// <summary>The break is over and one probe is with the provider; everyone else waits for its answer.</summary>
    HalfOpen,
}

/// <summary>Leave to call the provider; a probe's answer decides whether the circuit closes.</summary>
internal readonly record struct CircuitPass(bool IsProbe);

/// <summary>A breaker as an operator sees it: its state since when, until when an open one waits, the last error.</summary>
/// <param name="OpenUntil">Null unless Open; in the past when the break is over and the next send will be the probe.</param>
/// <param name="LastError">The provider's last transient failure, kept after the circuit closes again; null if it never failed.</param>
public sealed record CircuitSnapshot(CircuitState State, DateTimeOffset Since, DateTimeOffset? OpenUntil, string? LastError);

/// <summary>
/// Stops calling one channel's provider after <see cref="ProtectionLimits.BreakerFailureThreshold"/> transient
/// failures in a row within the sampling window, for <see cref="ProtectionLimits.BreakDuration"/>; then lets
/// one probe through. Any answer (accepted, rejected, deferred) counts as success: the provider is up.
/// </summary>
/// <remarks>
/// Hand-written rather than Polly's, because an open circuit here is not an error to throw: the caller gets a
/// time to come back (<see cref="ChannelSendResult.Deferred"/>) and the delivery waits without using an attempt.
/// State is per process; each worker replica learns about a failing provider on its own, and reports what it knows
/// (<see cref="Snapshot"/>) to operators: <paramref name="transitioned"/> runs, under the breaker's lock, on every
/// change of state, so it must only take note (the provider-state reporter publishes later, off the send path).
/// </remarks>
internal sealed class CircuitBreaker(string channel, ProtectionLimits limits, TimeProvider time, ProtectionMetrics metrics, ILogger logger,
    Action? transitioned = null)
{
    // A probe normally answers within seconds; waiting this long costs little if it fails and stalls little if it succeeds.
    private static readonly TimeSpan ProbeAnswerWait = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> failureTimes = new();
    private CircuitState state = CircuitState.Closed;
    private DateTimeOffset openUntil;
    private string lastError = "";
    private DateTimeOffset since = time.GetUtcNow();

    public CircuitState State
    {
        get { lock (gate) { return state; } }
    }

    public CircuitSnapshot Snapshot()
    {
        lock (gate)
        {
            return new CircuitSnapshot(state, since, state == CircuitState.Open ? openUntil : null, lastError.Length == 0 ? null : lastError);
        }
    }

    /// <summary>A pass to call the provider, or the reason and time to come back instead.</summary>
    public bool TryPass(out CircuitPass pass, [NotNullWhen(false)] out ChannelSendResult.Deferred? deferral)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            pass = default;
            deferral = null;
            switch (state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when now >= openUntil:
                    MoveTo(CircuitState.HalfOpen);
                    pass = new CircuitPass(IsProbe: true);
                    return true;
                case CircuitState.Open:
                    deferral = new ChannelSendResult.Deferred($"circuit open for {channel}: {lastError}", openUntil);
                    return false;
                default:
                    var wait = ProbeAnswerWait < limits.BreakDuration ? ProbeAnswerWait : limits.BreakDuration;
                    deferral = new ChannelSendResult.Deferred($"circuit open for {channel}: {lastError} (a probe is in flight)", now + wait);
                    return false;
            }
        }
    }

    /// <summary>The provider answered. Answers to calls let through before the circuit opened change nothing.</summary>
    public void Answered(CircuitPass pass)
    {
        lock (gate)
        {
            if (pass.IsProbe && state == CircuitState.HalfOpen)
            {
                failureTimes.Clear();
                MoveTo(CircuitState.Closed);
            }
            else if (state == CircuitState.Closed)
            {
                failureTimes.Clear();
            }
        }
    }

    /// <summary>The provider threw: a transient failure.</summary>
    public void Failed(CircuitPass pass, Exception error)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            lastError = error.Message;
            if (pass.IsProbe && state == CircuitState.HalfOpen)
            {
                Open(now);
                return;
            }
            if (state != CircuitState.Closed)
            {
                return;
            }
            failureTimes.Enqueue(now);
            if (failureTimes.Count > limits.BreakerFailureThreshold)
            {
                failureTimes.Dequeue();
            }
            if (failureTimes.Count == limits.BreakerFailureThreshold && now - failureTimes.Peek() <= limits.SamplingWindow)
            {
                Open(now);
            }
        }
    }

    /// <summary>The call never reached an answer (shutdown, a rate limit): a probe's turn goes to the next caller.</summary>
    public void Abandoned(CircuitPass pass)
    {
        lock (gate)
        {
            if (pass.IsProbe && state == CircuitState.HalfOpen)
            {
                state = CircuitState.Open;
                openUntil = time.GetUtcNow();
            }
        }
    }

    private void Open(DateTimeOffset now)
    {
        failureTimes.Clear();
        openUntil = now + limits.BreakDuration;
        MoveTo(CircuitState.Open);
    }

    private void MoveTo(CircuitState next)
    {
        state = next;
        since = time.GetUtcNow();
        metrics.CircuitStateChanged(channel, next);
        transitioned?.Invoke();
        if (next == CircuitState.Open)
        {
            logger.LogWarning("Circuit for {Channel} opened until {OpenUntil}: {LastError}", channel, openUntil, lastError);
        }
        else
        {
            logger.LogInformation("Circuit for {Channel} is {CircuitState}", channel, next);
        }
    }
}
