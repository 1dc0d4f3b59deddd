using System.ComponentModel.DataAnnotations;

namespace Inbox.Api.Providers;

/// <summary>`Providers`: when a replica's reports count as stale, and when a long-gone replica is no longer listed.</summary>
public sealed class ProviderStateOptions
{
    public const string SectionName = "Providers";

    /// <summary>
    /// A replica reports every 15 s (the worker's `Delivery:ProviderState:HeartbeatInterval`); a minute without a report
    /// is several missed heartbeats: it stopped, or cannot reach the broker, and what it last said may no longer hold.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Replicas silent this long are left out of the listing (a pod replaced a day ago is no news).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromDays(1);
}
