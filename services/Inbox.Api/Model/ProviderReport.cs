namespace Inbox.Api.Model;

/// <summary>
/// The latest report one worker replica made about one provider (breakers are per process), keyed by replica, channel
/// and provider like the topic it comes from. Kept after the replica stops reporting: readers mark it stale.
/// </summary>
public sealed class ProviderReport
{
    public required string ReplicaId { get; init; }
    public required string Channel { get; init; }
    public required string Provider { get; init; }

    /// <summary>The provider's place in its channel's failover order on that replica, from 1.</summary>
    public required int Position { get; init; }

    public required string State { get; init; }
    public required DateTimeOffset Since { get; init; }
    public DateTimeOffset? OpenUntil { get; init; }
    public string? LastError { get; init; }

    /// <summary>When the replica made the report: a report older than the stale threshold means the replica went quiet.</summary>
    public required DateTimeOffset ReportedAt { get; init; }

    public long Accepted { get; init; }
    public long Rejected { get; init; }
    public long Failed { get; init; }
    public long Deferred { get; init; }
    public DateTimeOffset? CountsSince { get; init; }
}
