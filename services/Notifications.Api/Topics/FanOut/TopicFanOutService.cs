using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Notifications.Api.Data;
using Notifications.Api.Sending;
using Notifications.Api.Templates;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Outbox;

namespace Notifications.Api.Topics.FanOut;

/// <summary>
/// Tells a topic send's subscribers, one page per transaction: claim a fan-out not complete yet (an advisory lock,
/// so replicas share the work and never hold the same one, then its row lock), read the next page after its cursor, and in
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
        var fanOut = await ClaimAsync(db, ct);
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

    /// <summary>Advisory locks of this kind are fan-outs being written (the number is arbitrary, fixed, and only has to differ from other kinds).</summary>
    private const int FanOutLocks = 0x666f7574;

    /// <summary>
    /// The oldest fan-out no other writer holds, row-locked for this transaction. Writers exclude each other with a
    /// transaction-scoped advisory lock per fan-out, and then WAIT for the row: its delivery reports lock it for a
    /// moment each (<see cref="TopicSendProjection"/>), and under a stream of reports a `SKIP LOCKED` claim found
    /// it taken about every other time and slept, which held a 100,000-person fan-out to a page a second.
    /// </summary>
    private static async Task<Model.TopicFanOut?> ClaimAsync(NotificationsDbContext db, CancellationToken ct)
    {
        var candidates = await db.TopicFanOuts.AsNoTracking().Where(f => f.CompletedAt == null)
            .OrderBy(f => f.UpdatedAt).Select(f => f.NotificationId).Take(10).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var mine = await db.Database.SqlQuery<bool>($"""SELECT pg_try_advisory_xact_lock({FanOutLocks}, hashtext({id.ToString()})) AS "Value" """)
                .SingleAsync(ct);
            if (!mine)
            {
                continue; // another writer's, or one sharing its hash: taken up in a later round
            }
            // Completed meanwhile by a writer that committed before this lock was taken: nothing left of it.
            var fanOut = (await db.TopicFanOuts
                .FromSql($"""SELECT * FROM topic_fan_outs WHERE "NotificationId" = {id} AND "CompletedAt" IS NULL FOR UPDATE""")
                .ToListAsync(ct)).SingleOrDefault();
            if (fanOut is not null)
            {
                return fanOut;
            }
        }
        return null;
    }
}
