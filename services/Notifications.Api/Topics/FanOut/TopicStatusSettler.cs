using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Notifications.Api.Data;
using Notifications.Api.Status;

namespace Notifications.Api.Topics.FanOut;

/// <summary>
/// Recomputes a topic send's status once reports came in since it was last computed (<see cref="Model.TopicFanOut.Reports"/>).
/// The fan-out row is locked while it is settled, so replicas never settle one send at once, and reports that commit
/// meanwhile are counted after it and settle it again. Not final while the fan-out has pages to write.
/// </summary>
public sealed class TopicStatusSettler(IServiceScopeFactory scopes, IOptions<FanOutOptions> options, ILogger<TopicStatusSettler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SettleInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await SettleOneAsync(stoppingToken))
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Settling a topic send's status failed; trying again next round");
            }
        }
    }

    private async Task<bool> SettleOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => SettleOneAsync(db, ct), ct);
    }

    private static async Task<bool> SettleOneAsync(NotificationsDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var fanOut = (await db.TopicFanOuts
            .FromSql($"""SELECT * FROM topic_fan_outs WHERE "SettledReports" < "Reports" ORDER BY "UpdatedAt" LIMIT 1 FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct)).SingleOrDefault();
        if (fanOut is null)
        {
            return false;
        }
        // Every report counted in Reports is committed (its count and its attempt in one transaction), so all are read here.
        var notification = await db.Notifications.AsNoTracking().AsSplitQuery().Include(n => n.Recipients).Include(n => n.Attempts)
            .SingleAsync(n => n.Id == fanOut.NotificationId, ct);
        // Not final while pages are left to write, nor while people handed to delivery have not reported (a page
        // the broker lost, say, which the reconciler fans out again).
        var reported = notification.Recipients.Select(r => r.UserId).Concat(notification.Attempts.Select(a => a.RecipientUserId))
            .Distinct(StringComparer.Ordinal).Count();
        var moreComing = !fanOut.IsComplete || reported < notification.Recipients.Count + fanOut.FannedOut;
        var status = NotificationProgress.StatusOf(notification, moreComing);
        if (status != notification.Status)
        {
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(n => n.SetProperty(x => x.Status, status), ct);
        }
        fanOut.Settle(fanOut.Reports);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
