using Delivery.Worker.Delivering;
using Microsoft.Extensions.Options;

namespace Delivery.Worker.Tests.Delivering;

/// <summary>A <see cref="RetrySchedule"/> on `Delivery:Retry` settings a test chooses; three tiers of distinct delays.</summary>
internal static class RetrySchedules
{
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Medium = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    public static RetrySchedule Create(double jitter = 0.2, int maxAttempts = 5, TimeSpan? sendingLease = null) =>
        new(Options.Create(new DeliveryRetryOptions
        {
            Delays = [Short, Medium, Long],
            Jitter = jitter,
            MaxAttempts = maxAttempts,
            SendingLease = sendingLease ?? TimeSpan.FromMinutes(2),
        }));
}
