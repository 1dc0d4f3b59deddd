namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// A token bucket of <c>permits</c> tokens refilled evenly over <c>period</c>, kept as one timestamp (the
/// generic cell rate algorithm): the moment the bucket would be full again. Integer ticks, so "10 per minute"
/// is exactly one token every 6 s.
/// </summary>
/// <remarks>
/// Not System.Threading.RateLimiting's TokenBucketRateLimiter: it replenishes from a timer and Stopwatch and
/// takes no TimeProvider, so neither tests nor the rest of the worker's clock could drive it. Callers pass
/// the time in; the bucket never waits. Thread-safe.
/// </remarks>
internal sealed class TokenBucket
{
    private readonly Lock gate = new();
    private readonly TimeSpan interval;
    private readonly TimeSpan burst;
    private DateTimeOffset fullAt = DateTimeOffset.MinValue;

    public TokenBucket(int permits, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        interval = period / permits;
        burst = interval * permits;
    }

    /// <summary>Takes a token, or says how long until one is there.</summary>
    public bool TryTake(DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (gate)
        {
            var next = (fullAt > now ? fullAt : now) + interval;
            if (next - now > burst)
            {
                retryAfter = next - now - burst;
                return false;
            }
            fullAt = next;
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Gives back a token taken for a send that did not happen (another limit said no).</summary>
    public void Return()
    {
        lock (gate)
        {
            fullAt -= interval;
        }
    }

    /// <summary>A full bucket is indistinguishable from a new one, so its owner may forget it.</summary>
    public bool IsFull(DateTimeOffset now)
    {
        lock (gate)
        {
            return fullAt <= now;
        }
    }
}
