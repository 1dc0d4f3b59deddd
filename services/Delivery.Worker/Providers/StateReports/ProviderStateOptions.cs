using System.ComponentModel.DataAnnotations;

namespace Delivery.Worker.Providers.StateReports;

/// <summary>`Delivery:ProviderState`: how often each replica reports its providers when nothing changes, and its name.</summary>
public sealed class ProviderStateOptions
{
    public const string SectionName = "Delivery:ProviderState";

    /// <summary>
    /// Readers call a replica stale when they have not heard from it for a few of these (inbox-api's
    /// `Providers:StaleAfter`, a minute by default): keep the two in step.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The replica's name in reports; left empty, it is found (see <see cref="ReplicaIdentity"/>).</summary>
    public string? ReplicaId { get; set; }
}
