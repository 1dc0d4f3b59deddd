using Microsoft.Extensions.Options;
using NotificationAspire.Contracts;

namespace Delivery.Worker.Delivering;

/// <summary>Which retry tier a delivery waits on and until when; nothing here touches Kafka or the database.</summary>
public sealed class RetrySchedule(IOptions<DeliveryRetryOptions> options)
{
    private DeliveryRetryOptions Options => options.Value;

    public int MaxAttempts => Options.MaxAttempts;

    public TimeSpan SendingLease => Options.SendingLease;

    /// <inheritdoc cref="DeliveryRetryOptions.SendBudget"/>
    public TimeSpan SendBudget => Options.SendBudget;

    /// <summary>The last tier's delay: a longer wait on a tier would hold up the records behind it.</summary>
    public TimeSpan LongestTierDelay => Options.Delays[^1];

    /// <summary>Whether a transient failure of <paramref name="attempt"/> goes to the dead letters instead of a retry tier.</summary>
    public bool IsLastAttempt(int attempt) => attempt >= MaxAttempts;

    /// <summary>Tier i carries attempt i + 2 (the first retry goes on the shortest tier); later attempts stay on the last.</summary>
    public KafkaTopic TierForAttempt(int attempt) => KafkaTopics.RetryTiers[Math.Clamp(attempt - 2, 0, KafkaTopics.RetryTiers.Count - 1)];

    /// <summary>
    /// For a wait not of our choosing (a deferral, a send in flight elsewhere): the longest tier that is not
    /// longer than the wait. A record blocks the records behind it on its partition until it is due, so a long
    /// wait on the shortest tier would hold up records that are due much sooner.
    /// </summary>
    public KafkaTopic TierForWait(TimeSpan wait)
    {
        var tier = 0;
        for (var i = 1; i < KafkaTopics.RetryTiers.Count; i++)
        {
            if (Options.Delays[i] <= wait)
            {
                tier = i;
            }
        }
        return KafkaTopics.RetryTiers[tier];
    }

    /// <summary>The tier's delay from <paramref name="now"/>, varied by the jitter, to the millisecond (what survives JSON and the database alike).</summary>
    public DateTimeOffset DueAt(KafkaTopic tier, DateTimeOffset now)
    {
        var delay = Options.Delays[IndexOf(tier)];
        var factor = 1 + Options.Jitter * (2 * Random.Shared.NextDouble() - 1);
        return Milliseconds(now + delay * factor);
    }

    public static DateTimeOffset Milliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private static int IndexOf(KafkaTopic tier)
    {
        for (var i = 0; i < KafkaTopics.RetryTiers.Count; i++)
        {
            if (KafkaTopics.RetryTiers[i] == tier)
            {
                return i;
            }
        }
        throw new ArgumentException($"{tier.Name} is not a retry tier.", nameof(tier));
    }
}
