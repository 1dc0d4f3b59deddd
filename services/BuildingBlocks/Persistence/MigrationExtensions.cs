using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NotificationAspire.Persistence;

/// <summary>
/// A service owns its schema: migrations run before it takes traffic or consumes. Replicas start together, and
/// EF's own migration lock needs the history table that two of them would race to create, so a PostgreSQL
/// advisory lock lets one replica migrate while the others wait and then find nothing to do. PostgreSQL may
/// still be starting (in a cluster, or after a restart): connecting is retried until a deadline.
/// </summary>
public static class MigrationExtensions
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromMinutes(2);

    public static async Task MigrateDatabaseAsync<TContext>(this IServiceProvider services, CancellationToken ct = default) where TContext : DbContext
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrationExtensions));
        var deadline = DateTime.UtcNow + StartupDeadline;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateUnderLockAsync<TContext>(services, ct);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database of {Context} not reachable yet (attempt {Attempt}): {Reason}", typeof(TContext).Name, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct);
            }
        }
    }

    private static async Task MigrateUnderLockAsync<TContext>(IServiceProvider services, CancellationToken ct) where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var lockConnection = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockConnection.OpenAsync(ct);
        var key = LockKey<TContext>();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", lockConnection))
        {
            await take.ExecuteNonQueryAsync(ct);
        }
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            // Explicitly: closing only returns the connection to the pool, and the session (with its lock) lives on.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The same for every replica of a service, different for each context (64 bits of a hash of its name).</summary>
    private static long LockKey<TContext>() =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(typeof(TContext).FullName!)));
}
