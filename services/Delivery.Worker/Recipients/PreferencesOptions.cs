using System.ComponentModel.DataAnnotations;

namespace Delivery.Worker.Recipients;

/// <summary>`Preferences`: how the worker asks `preferences-api` about a person, and what it does when no answer comes.</summary>
public sealed class PreferencesOptions
{
    public const string SectionName = "Preferences";

    /// <summary>One call's limit; the attempt waits this long at most before the cache or a hold takes over.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the circuit stays open after the service failed too often; calls fail fast meanwhile.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How old an answer may be and still stand in for one the service cannot give now.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>People remembered at most (the least recently fetched are forgotten first).</summary>
    [Range(1, 10_000_000)]
    public int CacheEntries { get; set; } = 100_000;

    /// <summary>How long a delivery for someone not in the cache waits before asking again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WaitWhenUnavailable { get; set; } = TimeSpan.FromSeconds(5);
}
