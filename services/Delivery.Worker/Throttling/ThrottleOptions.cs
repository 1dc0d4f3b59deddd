namespace Delivery.Worker.Throttling;

/// <summary>
/// `Delivery:Throttle:Categories:{category}`: at most <see cref="CategoryThrottle.Limit"/> messages of that category to
/// one person on one channel per <see cref="CategoryThrottle.Period"/>. None is configured by default; critical
/// categories are never throttled.
/// </summary>
public sealed class ThrottleOptions
{
    public const string SectionName = "Delivery:Throttle";

    public Dictionary<string, CategoryThrottle> Categories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public CategoryThrottle? For(string category) =>
        Categories.FirstOrDefault(c => string.Equals(c.Key, category, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <param name="Excess">What happens to a message over the limit: <see cref="ThrottleExcess.Digest"/> or <see cref="ThrottleExcess.Drop"/>.</param>
public sealed class CategoryThrottle
{
    public int Limit { get; set; }
    public TimeSpan Period { get; set; }
    public ThrottleExcess Excess { get; set; } = ThrottleExcess.Digest;
}

public enum ThrottleExcess
{
    /// <summary>Collected in a digest keyed `throttle:{category}` with the period as its window: nothing is lost.</summary>
    Digest,

    /// <summary>Not sent: Skipped, with a reason saying it was throttled.</summary>
    Drop,
}
