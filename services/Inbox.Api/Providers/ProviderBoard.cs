using Inbox.Api.Model;

namespace Inbox.Api.Providers;

/// <summary>
/// What operators see of the providers: per channel, its providers in failover order, and under each every replica's
/// breaker as it last reported it, with how old that report is and whether it is stale.
/// </summary>
public static class ProviderBoard
{
    public static ProviderBoardView Build(IEnumerable<ProviderReport> reports, DateTimeOffset now, TimeSpan staleAfter)
    {
        var channels = reports
            .GroupBy(r => r.Channel, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(channel => new ChannelView(channel.Key, [.. channel
                .GroupBy(r => r.Provider, StringComparer.Ordinal)
                // The order the freshest report gives: replicas may disagree while a new configuration rolls out.
                .Select(provider => (Position: provider.MaxBy(r => r.ReportedAt)!.Position, Reports: provider))
                .OrderBy(p => p.Position).ThenBy(p => p.Reports.Key, StringComparer.Ordinal)
                .Select(p => new ProviderView(p.Reports.Key, p.Position, [.. p.Reports
                    .OrderBy(r => r.ReplicaId, StringComparer.Ordinal)
                    .Select(r => Replica(r, now, staleAfter))]))]))
            .ToList();
        return new ProviderBoardView(now, (int)staleAfter.TotalSeconds, channels);
    }

    public static ReplicaBreakerView Replica(ProviderReport report, DateTimeOffset now, TimeSpan staleAfter)
    {
        var age = Age(report.ReportedAt, now);
        return new ReplicaBreakerView(report.ReplicaId, report.State, report.Since, report.OpenUntil, report.LastError, report.ReportedAt,
            (long)age.TotalSeconds, IsStale(report.ReportedAt, now, staleAfter),
            new SendCountsView(report.Accepted, report.Rejected, report.Failed, report.Deferred, report.CountsSince));
    }

    /// <summary>A report older than <paramref name="staleAfter"/> no longer says how the replica is: it may have stopped.</summary>
    public static bool IsStale(DateTimeOffset reportedAt, DateTimeOffset now, TimeSpan staleAfter) => Age(reportedAt, now) > staleAfter;

    /// <summary>Never negative: a replica's clock a little ahead of ours does not make its report come from the future.</summary>
    private static TimeSpan Age(DateTimeOffset reportedAt, DateTimeOffset now) => now > reportedAt ? now - reportedAt : TimeSpan.Zero;
}
