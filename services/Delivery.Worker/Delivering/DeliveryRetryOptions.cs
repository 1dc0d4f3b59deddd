using NotificationAspire.Contracts;

namespace Delivery.Worker.Delivering;

/// <summary>
/// `Delivery:Retry`: how long each retry tier waits and how often a delivery is tried before it is dead-lettered.
/// Set per environment (tests use short delays through `Delivery__Retry__Delays__0` and so on).
/// </summary>
public sealed class DeliveryRetryOptions
{
    public const string SectionName = "Delivery:Retry";

    /// <summary>Used when configuration names no delays: a blip, a restart, an outage.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>
    /// The delay of each tier of <see cref="KafkaTopics.RetryTiers"/>, in order. No initializer: the binder
    /// appends configured items to an existing list rather than replacing it.
    /// </summary>
    public List<TimeSpan> Delays { get; set; } = [];

    /// <summary>Attempts, the first included, before a transient failure becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Each delay varies by up to this share either way, so recipients hit by one outage do not all come back at once.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>
    /// How long a delivery recorded as Sending is taken to be in someone's hands (the SMTP timeouts and a margin).
    /// Another member that meets it within this time leaves it alone; after it, the attempt is presumed lost and retried.
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one send may take, all providers of its channel included: four fifths of the lease. A send still
    /// running when its lease ends could be taken over and made a second time by another consumer, and the
    /// providers' own timeouts do not add up to a bound (each SMTP step has its own, a failover tries the next
    /// provider with a fresh one). The fifth left over covers the claim's save and clocks a little apart.
    /// </summary>
    public TimeSpan SendBudget => SendingLease * 0.8;

    public IEnumerable<string> Problems()
    {
        if (Delays.Count != KafkaTopics.RetryTiers.Count)
        {
            yield return $"{SectionName}:Delays needs one delay per retry tier ({KafkaTopics.RetryTiers.Count}), not {Delays.Count}.";
        }
        if (Delays.Any(d => d <= TimeSpan.Zero))
        {
            yield return $"{SectionName}:Delays must all be positive.";
        }
        if (MaxAttempts < 1)
        {
            yield return $"{SectionName}:MaxAttempts must be at least 1.";
        }
        if (Jitter is < 0 or >= 1)
        {
            yield return $"{SectionName}:Jitter must be at least 0 and less than 1.";
        }
        if (SendingLease <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:SendingLease must be positive.";
        }
    }
}
