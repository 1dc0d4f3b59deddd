using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Notifications.Api.Data;
using Notifications.Api.Sending;
using Notifications.Api.Templates;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Outbox;

namespace Notifications.Api.Topics.FanOut;

/// <summary>
/// Tells a topic send's subscribers, one page per transaction: claim a fan-out not complete yet (row lock, SKIP
/// LOCKED, so replicas share the work and never hold the same one), read the next page after its cursor, and in
/// the same transaction write the page's `NotificationRequested` to the outbox and move the cursor past it. A
/// crash before the commit leaves neither; after it, both. So the pages are written exactly once each, in order,
/// and memory holds one page whatever the topic's size.
/// </summary>
public sealed class TopicFanOutService(IServiceScopeFactory scopes, FanOutSignal signal, IOptions<FanOutOptions> options,
    TimeProvider time, ILogger<TopicFanOutService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keep going while there is work; rest only when no fan-out waits.
                if (!await FanOutOnePageAsync(stoppingToken))
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A fan-out page failed; nothing of it was committed, trying again");
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <returns>Whether a fan-out was worked on (there may be more).</returns>
    private async Task<bool> FanOutOnePageAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // The connection's retrying strategy may only run a whole transaction, never half of one.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            ct => FanOutOnePageAsync(db, scope.ServiceProvider.GetRequiredService<IOutbox>(), scope.ServiceProvider.GetRequiredService<TemplateStore>(), ct), ct);
    }

    private async Task<bool> FanOutOnePageAsync(NotificationsDbContext db, IOutbox outbox, TemplateStore templates, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var fanOut = (await db.TopicFanOuts
            .FromSql($"""SELECT * FROM topic_fan_outs WHERE "CompletedAt" IS NULL ORDER BY "UpdatedAt" LIMIT 1 FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct)).SingleOrDefault();
        if (fanOut is null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == fanOut.NotificationId, ct);
        if (notification.CancelledAt is not null)
        {
            // The people not reached yet never will be: that is what the cancellation asked.
            fanOut.Stop(now);
            logger.LogInformation("Fan-out of cancelled notification {NotificationId} stopped after {FannedOut} subscriber(s)", fanOut.NotificationId, fanOut.FannedOut);
        }
        else
        {
            var page = FanOutPage.Cut(await SubscriberKeyset.NextAsync(db, fanOut, options.Value.PageSize + 1, ct), options.Value.PageSize);
            if (page.Recipients.Count > 0)
            {
                // The pinned version again, whole: versions never change, so every page says what the send said.
                var template = notification is { TemplateKey: { } key, TemplateVersion: { } version } ? await templates.ContentAsync(key, version, ct) : null;
                outbox.Add(SendEvents.Requested(notification, template) with
                {
                    Recipients = page.Recipients.Select(userId => new RecipientAddress(userId, null)).ToList(),
                });
            }
            fanOut.Advance(page.Recipients, page.Last, now);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (fanOut.IsComplete)
        {
            logger.LogInformation("Fan-out of notification {NotificationId} complete: {FannedOut} subscriber(s) in {Pages} page(s)",
                fanOut.NotificationId, fanOut.FannedOut, fanOut.Pages);
        }
        return true;
    }
}
