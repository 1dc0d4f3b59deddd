using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace NotificationAspire.Persistence;

/// <summary>A service's own PostgreSQL database as an EF Core context: Aspire's registration, with the pool tuned for it.</summary>
public static class PlatformDbContextExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on connection <paramref name="connectionName"/> (health check, retries,
    /// telemetry as Aspire sets them up), with <see cref="ForPooledContexts"/> applied to its connection string.
    /// </summary>
    public static void AddPlatformDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName,
        Action<DbContextOptionsBuilder>? configureDbContextOptions = null) where TContext : DbContext =>
        builder.AddNpgsqlDbContext<TContext>(connectionName,
            settings => settings.ConnectionString = ForPooledContexts(settings.ConnectionString),
            configureDbContextOptions);

    /// <summary>
    /// Connections handed back to the pool are not reset. Npgsql's reset is a `DISCARD ALL` before the next use, and a
    /// context opens and closes its connection for every query: the benchmark counted two to seven per notification in
    /// each database, half of the transactions PostgreSQL counted. Nothing done on these connections outlives its
    /// transaction: advisory locks are transaction-scoped, or (the migration lock) released before the connection is
    /// closed; LISTEN runs on a connection of its own, opened with the plain connection string, whose pool still resets.
    /// </summary>
    public static string? ForPooledContexts(string? connectionString) => connectionString is null
        ? null
        : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
