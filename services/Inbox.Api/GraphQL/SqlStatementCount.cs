using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Inbox.Api.GraphQL;

/// <summary>
/// Counts the SQL statements one GraphQL request runs and reports them in its `Server-Timing` header
/// (`db;desc="N statements"`), so a client (and the N+1 test) sees what a query costs the database.
/// </summary>
public sealed class SqlStatementCount : DbCommandInterceptor
{
    private static readonly AsyncLocal<StrongBox?> Current = new();

    /// <summary>Starts counting for the current request (its async flow); dispose to stop.</summary>
    public static StrongBox Start() => Current.Value = new StrongBox();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private static void Count()
    {
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Statements);
        }
    }

    /// <summary>The count of one request.</summary>
    public sealed class StrongBox
    {
        public int Statements;
    }
}
