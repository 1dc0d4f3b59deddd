using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Preferences.Api.Data;

/// <summary>
/// Writes that read, then insert or replace rows, in one transaction. The database's retrying strategy may
/// replay the whole unit, so it runs inside it. Two writers creating the same row race on a unique key; the
/// loser runs again, finds the winner's row and updates it, so an upsert does not answer 5xx for a race.
/// </summary>
public static class WriteTransactions
{
    private const int Attempts = 3;

    public static Task<T> WriteAsync<T>(this PreferencesDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                try
                {
                    var result = await work(token);
                    await db.SaveChangesAsync(token);
                    await transaction.CommitAsync(token);
                    return result;
                }
                catch (DbUpdateException ex) when (attempt < Attempts && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // A concurrent writer created the row first; the next round sees it.
                }
            }
        }, ct);

    /// <summary>
    /// Makes writers of one person's preferences take turns until the transaction ends. Replacing is delete then
    /// insert: two replacements at once would both delete nothing and collide on insert, as often as retried.
    /// </summary>
    public static Task LockPersonAsync(this PreferencesDbContext db, string userId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({userId}, 0))", ct);
}
