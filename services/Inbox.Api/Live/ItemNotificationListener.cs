using Inbox.Api.Projection;
using Npgsql;
using NotificationAspire.Contracts;

namespace Inbox.Api.Live;

/// <summary>
/// LISTENs on PostgreSQL for new inbox items (<see cref="InboxProjector.ItemsChannel"/>) and wakes this replica's
/// watchers of that person. Whichever replica projected the item, every replica hears it: a stream sees its person's
/// items however partitions are spread. A lost connection is reopened, and every watcher looks again in case a
/// notification was missed meanwhile.
/// </summary>
public sealed class ItemNotificationListener(IConfiguration configuration, InboxChanges changes, ILogger<ItemNotificationListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(ResourceNames.InboxDatabase)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.InboxDatabase} is not configured.");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => changes.Changed(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {InboxProjector.ItemsChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                changes.ChangedForEveryone();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Listening for new inbox items failed ({Error}); listening again in {Backoff}", ex.Message, Backoff);
                await Task.Delay(Backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
