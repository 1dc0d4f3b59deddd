using Inbox.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Inbox.Api.Providers;

/// <summary>The providers' state for operators and support: read-only, from the workers' reports.</summary>
public static class ProviderEndpoints
{
    public static async Task<Ok<ProviderBoardView>> GetAsync(InboxDbContext db, IOptions<ProviderStateOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now - options.Value.ForgetAfter;
        var reports = await db.ProviderReports.AsNoTracking().Where(r => r.ReportedAt >= since).ToListAsync(ct);
        return TypedResults.Ok(ProviderBoard.Build(reports, now, options.Value.StaleAfter));
    }
}
