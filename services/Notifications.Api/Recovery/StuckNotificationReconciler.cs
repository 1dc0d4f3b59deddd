using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Notifications.Api.Data;
using Notifications.Api.Model;
using Notifications.Api.Sending;
using Notifications.Api.Templates;
using NotificationAspire.Outbox;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Recovery;

/// <summary>How long a notification may go without progress before it is re-driven, and how often to look.</summary>
public sealed class ReconcilerOptions
{
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// PostgreSQL is the truth about what was accepted. A notification that is not final and has not moved
/// for a while (the broker lost its records, a relay or a worker died mid-way) is published again through
/// the outbox. The worker's delivery keys make that safe: what was delivered is only announced again.
/// </summary>
public sealed class StuckNotificationReconciler(
    IServiceScopeFactory scopes, IOptions<ReconcilerOptions> options, TimeProvider time, ILogger<StuckNotificationReconciler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var redriven = await RedriveStuckAsync(stoppingToken);
                if (redriven > 0)
                {
                    logger.LogWarning("Re-drove {Count} notification(s) without progress for {StuckAfter}", redriven, options.Value.StuckAfter);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reconciling stuck notifications failed; trying again next round");
            }
        }
    }

    private async Task<int> RedriveStuckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var templates = scope.ServiceProvider.GetRequiredService<TemplateStore>();
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.StuckAfter;
        var stuck = await db.Notifications.Include(n => n.Recipients)
            .Where(n => NotificationStatusExtensions.InFlight.Contains(n.Status) && n.UpdatedAt < cutoff)
            // A scheduled delivery is kept in the worker's database until due: not stuck before then.
            .Where(n => n.Status != NotificationStatus.Scheduled || n.DueBy < cutoff)
            .OrderBy(n => n.UpdatedAt).Take(200).ToListAsync(ct);

        foreach (var notification in stuck)
        {
            // The pinned version again, whole: versions never change, so the event says what the first one said.
            var template = notification is { TemplateKey: { } key, TemplateVersion: { } version }
                ? await templates.ContentAsync(key, version, ct)
                : null;
            notification.RedriveCount++;
            notification.UpdatedAt = now;
            outbox.Add(SendEvents.Requested(notification, template));
            if (await db.TopicFanOuts.FindAsync([notification.Id], ct) is { IsComplete: true } fanOut)
            {
                // A topic send's subscribers are in its fan-out's pages, not in the request above: fan them out again.
                fanOut.Restart(now);
            }
            if (notification.CancelledAt is { } cancelledAt)
            {
                // The cancellation may have been lost with the request; it follows it again, in order.
                outbox.Add(new NotificationCancelled(notification.Id, notification.CorrelationKey ?? string.Empty, notification.CancelledBy ?? "system", cancelledAt));
            }
        }
        await db.SaveChangesAsync(ct);
        return stuck.Count;
    }
}
