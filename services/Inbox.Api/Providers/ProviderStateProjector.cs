using Inbox.Api.Data;
using Microsoft.EntityFrameworkCore;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Messaging;

namespace Inbox.Api.Providers;

/// <summary>
/// Keeps each replica's latest report on each provider. A report replaces the stored one only when it is at least as
/// recent, so a redelivered or late record never turns an Open breaker back to an older Closed one.
/// </summary>
public sealed class ProviderStateProjector(InboxDbContext db) : IIntegrationEventHandler<ProviderStateReported>
{
    /// <summary>Errors can be long (a provider's whole response); the operator needs the gist.</summary>
    private const int ErrorLength = 2000;

    public async Task HandleAsync(ProviderStateReported report, EventContext context, CancellationToken ct)
    {
        var error = report.LastError is { Length: > ErrorLength } longError ? longError[..ErrorLength] : report.LastError;
        var counts = report.Counts ?? new ProviderSendCounts(0, 0, 0, 0);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO provider_states ("ReplicaId", "Channel", "Provider", "Position", "State", "Since", "OpenUntil", "LastError", "ReportedAt",
                                         "Accepted", "Rejected", "Failed", "Deferred", "CountsSince")
            VALUES ({report.ReplicaId}, {report.Channel}, {report.Provider}, {report.Position}, {report.State}, {report.Since.ToUniversalTime()},
                    CAST({report.OpenUntil?.ToUniversalTime()} AS timestamptz), CAST({error} AS text), {report.ReportedAt.ToUniversalTime()},
                    {counts.Accepted}, {counts.Rejected}, {counts.Failed}, {counts.Deferred}, CAST({report.CountsSince?.ToUniversalTime()} AS timestamptz))
            ON CONFLICT ("ReplicaId", "Channel", "Provider") DO UPDATE SET
                "Position" = EXCLUDED."Position", "State" = EXCLUDED."State", "Since" = EXCLUDED."Since", "OpenUntil" = EXCLUDED."OpenUntil",
                "LastError" = EXCLUDED."LastError", "ReportedAt" = EXCLUDED."ReportedAt", "Accepted" = EXCLUDED."Accepted",
                "Rejected" = EXCLUDED."Rejected", "Failed" = EXCLUDED."Failed", "Deferred" = EXCLUDED."Deferred", "CountsSince" = EXCLUDED."CountsSince"
            WHERE provider_states."ReportedAt" <= EXCLUDED."ReportedAt"
            """, ct);
    }
}
