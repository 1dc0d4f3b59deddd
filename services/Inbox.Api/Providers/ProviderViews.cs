namespace Inbox.Api.Providers;

/// <summary>`GET /api/providers`: every channel the workers report, at <paramref name="At"/> (the reader's now).</summary>
/// <param name="StaleAfterSeconds">How old a replica's last report may be before it is marked stale.</param>
public sealed record ProviderBoardView(DateTimeOffset At, int StaleAfterSeconds, IReadOnlyList<ChannelView> Channels);

/// <summary>A channel's providers in failover order (the first is tried first).</summary>
public sealed record ChannelView(string Channel, IReadOnlyList<ProviderView> Providers);

/// <summary>One provider and each replica's breaker for it.</summary>
public sealed record ProviderView(string Name, int Position, IReadOnlyList<ReplicaBreakerView> Replicas);

/// <summary>One replica's breaker for one provider, as last reported.</summary>
/// <param name="State">Closed, Open or HalfOpen, as of <paramref name="ReportedAt"/>.</param>
/// <param name="OpenUntil">When an open breaker lets a probe through; in the past, the next send is the probe.</param>
/// <param name="ReportAgeSeconds">How old the report is; past the stale threshold, <paramref name="Stale"/> is true.</param>
public sealed record ReplicaBreakerView(
    string Replica,
    string State,
    DateTimeOffset Since,
    DateTimeOffset? OpenUntil,
    string? LastError,
    DateTimeOffset ReportedAt,
    long ReportAgeSeconds,
    bool Stale,
    SendCountsView Counts);

/// <summary>The provider's sends on that replica since <paramref name="Since"/> (the replica's previous heartbeat).</summary>
public sealed record SendCountsView(long Accepted, long Rejected, long Failed, long Deferred, DateTimeOffset? Since);
