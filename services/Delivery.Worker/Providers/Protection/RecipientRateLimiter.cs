namespace Delivery.Worker.Providers.Protection;

/// <summary>
/// One <see cref="TokenBucket"/> per contact on one channel. Buckets that have refilled are dropped once per
/// refill period, so memory follows the contacts sent to recently, not every contact ever seen.
/// </summary>
internal sealed class RecipientRateLimiter(int permitsPerMinute)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();

    // Email addresses compare case-insensitively in practice; phone numbers and URLs are unaffected.
    private readonly Dictionary<string, TokenBucket> buckets = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    public bool TryTake(string contact, DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (gate)
        {
            SweepIfDue(now);
            if (!buckets.TryGetValue(contact, out var bucket))
            {
                bucket = new TokenBucket(permitsPerMinute, Period);
                buckets[contact] = bucket;
            }
            return bucket.TryTake(now, out retryAfter);
        }
    }

    public void Return(string contact)
    {
        lock (gate)
        {
            if (buckets.TryGetValue(contact, out var bucket))
            {
                bucket.Return();
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now - lastSweep < Period)
        {
            return;
        }
        lastSweep = now;
        foreach (var (contact, bucket) in buckets)
        {
            if (bucket.IsFull(now))
            {
                buckets.Remove(contact);
            }
        }
    }
}
