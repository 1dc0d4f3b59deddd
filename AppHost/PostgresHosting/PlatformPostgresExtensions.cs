using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NotificationAspire.AppHost.Infrastructure;

namespace NotificationAspire.AppHost.PostgresHosting;

/// <summary>
/// One PostgreSQL server with a database per service: Aspire's container integration with a data volume,
/// or the machine's own binaries in local mode. Consumers see a connection string either way.
/// </summary>
public static class PlatformPostgresExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddPlatformPostgres(
        this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode) => mode switch
    {
        InfrastructureMode.Containers => builder.AddPostgres(name).WithDataVolume(),
        _ => builder.AddLocalPostgres(name),
    };

    public static IResourceBuilder<IResourceWithConnectionString> AddPlatformDatabase(
        this IResourceBuilder<IResourceWithConnectionString> server, string name) => server.Resource switch
    {
        PostgresServerResource container => server.ApplicationBuilder.CreateResourceBuilder(container).AddDatabase(name),
        LocalPostgresServerResource local => server.ApplicationBuilder.AddLocalDatabase(local, name),
        _ => throw new InvalidOperationException($"'{server.Resource.Name}' is not a PostgreSQL server."),
    };

    private static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var scriptDirectory = Path.Combine(builder.AppHostDirectory, "PostgresHosting");
        var server = new LocalPostgresServerResource(name, scriptDirectory);
        var healthCheckKey = $"{name}_check";

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await CreateDatabasesAsync(ServerConnectionString(connectionString), server.Databases.Values, ct);
            await MarkDatabasesRunningAsync(builder, server, @event.Services);
        });
        builder.Services.AddHealthChecks().AddNpgSql(_ => ServerConnectionString(connectionString), name: healthCheckKey);

        return builder.AddResource(server)
            .WithArgs("postgres-local.sh")
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("PGDATA", LocalDataPath.For(builder, name))
            .WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IDistributedApplicationBuilder builder, LocalPostgresServerResource server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, name, server);
        server.Databases[name] = name;
        var healthCheckKey = $"{name}_check";

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString ?? throw new InvalidOperationException("Connection string is unavailable"), name: healthCheckKey);

        return builder.AddResource(database).WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// A database has no process of its own, so nothing else reports it running; once it exists it is, and
    /// its health check (and everything that waits for it) takes over from there.
    /// </summary>
    private static async Task MarkDatabasesRunningAsync(IDistributedApplicationBuilder builder, LocalPostgresServerResource server, IServiceProvider services)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
        {
            await notifications.PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        }
    }

    // Without a database, Npgsql would pick one named after the user.
    private static string ServerConnectionString(string? connectionString) =>
        (connectionString ?? throw new InvalidOperationException("Connection string is unavailable")) + ";Database=postgres";

    private static async Task CreateDatabasesAsync(string connectionString, IEnumerable<string> databases, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                // Identifiers cannot be parameters; the name comes from the AppHost's own constants.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
