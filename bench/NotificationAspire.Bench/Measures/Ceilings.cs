using MailKit.Net.Smtp;
using MimeKit;
using Npgsql;
using NotificationAspire.Bench.Load;
using NotificationAspire.Bench.Platform;
using NotificationAspire.Contracts;

namespace NotificationAspire.Bench.Measures;

/// <summary>
/// What the parts under the platform can do on this machine, measured in the same run and at the same concurrency
/// as the platform itself: each figure of the platform is read as a share of the ceiling that bounds it.
/// </summary>
public sealed class Ceilings(BenchPlatform platform, PlatformClient client, CountingSmtpSink sink, int concurrency, TimeSpan duration)
{
    /// <summary>Through the gateway (proxy and JWT at both ends), no database: the most any API call can reach.</summary>
    public Task<LoadResult> GatewayWithoutIoAsync() =>
        LoadGenerator.ClosedLoopAsync(concurrency, duration, _ => client.CallWithoutIoAsync());

    /// <summary>Single-row inserts, each its own transaction, into the platform's PostgreSQL: the commit rate.</summary>
    public async Task<LoadResult> PostgresCommitsAsync()
    {
        var connectionString = await platform.App.GetConnectionStringAsync(ResourceNames.NotificationsDatabase)
            ?? throw new InvalidOperationException("notificationsdb has no connection string.");
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = concurrency + 4 }.ConnectionString);
        await using (var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS bench_commits (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())"))
        {
            await create.ExecuteNonQueryAsync();
        }
        var run = DateTime.UtcNow.Ticks;
        var result = await LoadGenerator.ClosedLoopAsync(concurrency, duration, async sequence =>
        {
            await using var insert = source.CreateCommand("INSERT INTO bench_commits (id) VALUES ($1)");
            insert.Parameters.AddWithValue(run + sequence);
            return await insert.ExecuteNonQueryAsync() == 1;
        });
        await using (var drop = source.CreateCommand("DROP TABLE bench_commits"))
        {
            await drop.ExecuteNonQueryAsync();
        }
        return result;
    }

    /// <summary>The counting sink's accept rate with MailKit, one connection per caller (as the worker's pool keeps them).</summary>
    public Task<LoadResult> SinkAcceptsAsync() => SmtpAcceptsAsync("127.0.0.1", sink.Port, "ceiling");

    /// <summary>The same against smtp4dev, the platform's mail sink for people (how fast it is, for the record).</summary>
    public Task<LoadResult> Smtp4devAcceptsAsync()
    {
        var smtp = platform.App.GetEndpoint(ResourceNames.Mail, "smtp");
        return SmtpAcceptsAsync(smtp.Host, smtp.Port, "smtp4dev");
    }

    private async Task<LoadResult> SmtpAcceptsAsync(string host, int port, string phase)
    {
        var clients = new SmtpClient[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            clients[i] = new SmtpClient();
            await clients[i].ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
        }
        var free = new System.Collections.Concurrent.ConcurrentBag<SmtpClient>(clients);
        try
        {
            return await LoadGenerator.ClosedLoopAsync(concurrency, duration, async sequence =>
            {
                free.TryTake(out var smtp);
                try
                {
                    var message = new MimeMessage { Subject = $"Ceiling {sequence}", Body = new TextPart("plain") { Text = "A message of the size the platform sends." } };
                    message.From.Add(MailboxAddress.Parse("bench@notificationaspire.example"));
                    message.To.Add(MailboxAddress.Parse(client.AddressOf(phase, sequence)));
                    await smtp!.SendAsync(message);
                    return true;
                }
                finally
                {
                    free.Add(smtp!);
                }
            });
        }
        finally
        {
            foreach (var smtp in clients)
            {
                await smtp.DisconnectAsync(quit: true);
                smtp.Dispose();
            }
        }
    }
}
