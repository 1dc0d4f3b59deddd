using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Notifications.Api.Data;
using Notifications.Api.Model;
using Notifications.Api.Observability;
using NotificationAspire.Webhooks;

namespace Notifications.Api.Webhooks;

/// <summary>
/// Sends due webhook messages. A batch is claimed under SKIP LOCKED by pushing its due time a lease ahead, so
/// replicas share the work and a dispatcher that dies mid-send leaves its messages to come due again: at least
/// once, under the same `webhook-id`, which receivers dedupe on. Each outcome is recorded on its own. On a graceful
/// stop a send already begun is finished and recorded (giving it up would send it again after the lease), and the
/// claimed messages not begun are handed back at once.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookSignal signal, IOptions<WebhookOptions> options, TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Longer than a call can take (the timeout), so a message is never sent twice by two live dispatchers.</summary>
    private TimeSpan Lease => options.Value.Timeout + TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            var begun = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            List<Claimed> batch = [];
            try
            {
                batch = await ClaimAsync(stoppingToken);
                claimed = batch.Count;
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                    async (message, _) =>
                    {
                        begun[message.Id] = true;
                        await SendAsync(message, CancellationToken.None);
                    });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await HandBackAsync([.. batch.Where(m => !begun.ContainsKey(m.Id)).Select(m => m.Id)]);
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook dispatcher could not read or update its messages");
            }
            if (claimed < BatchSize)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    private sealed record Claimed(string Id, Guid EndpointId, string Payload, int Attempts);

    private async Task<List<Claimed>> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            var pending = nameof(WebhookMessageState.Pending);
            var due = await db.WebhookMessages
                .FromSql($"""SELECT * FROM webhook_messages WHERE "State" = {pending} AND "NextAttemptAt" <= {now} ORDER BY "NextAttemptAt" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
            foreach (var message in due)
            {
                message.NextAttemptAt = now + Lease;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return due.Select(m => new Claimed(m.Id, m.EndpointId, m.Payload, m.Attempts)).ToList();
        }, ct);
    }

    /// <summary>Claimed messages this dispatcher will not send after all (it is stopping): due again now, for another replica or the next start.</summary>
    private async Task HandBackAsync(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            var now = time.GetUtcNow();
            await db.WebhookMessages.Where(m => ids.Contains(m.Id) && m.State == WebhookMessageState.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not handed back, they come due when the lease ends: later, never twice.
            logger.LogWarning(ex, "Could not hand back {Count} claimed webhook messages on stopping", ids.Count);
        }
    }

    /// <param name="ct">None once a message is claimed: its send and its record are finished even while stopping.</param>
    private async Task SendAsync(Claimed message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == message.EndpointId, ct);
        if (endpoint is null)
        {
            return; // deleted meanwhile; its messages went with it
        }
        var outcome = endpoint.DisabledAt is null
            ? await sender.SendAsync(new Uri(endpoint.Url), message.Id, Encoding.UTF8.GetBytes(message.Payload), endpoint.SigningSecrets(time.GetUtcNow()), ct)
            : new WebhookOutcome.Failed("the endpoint is disabled");
        await RecordAsync(db, endpoint, message, outcome, ct);
    }

    private async Task RecordAsync(NotificationsDbContext db, WebhookEndpoint endpoint, Claimed claimed, WebhookOutcome outcome, CancellationToken ct)
    {
        var message = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == claimed.Id, ct);
        if (message is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        message.Attempts = claimed.Attempts + 1;
        message.LastAttemptAt = now;
        switch (WebhookRetryPolicy.Decide(outcome, message.Attempts, options.Value, now, Random.Shared.NextDouble()))
        {
            case WebhookDecision.Delivered:
                WebhookMetrics.Called("delivered");
                (message.State, message.DeliveredAt, message.LastError) = (WebhookMessageState.Delivered, now, null);
                break;
            case WebhookDecision.RetryAt(var due, var reason):
                WebhookMetrics.Called("retry");
                (message.NextAttemptAt, message.LastError) = (due, reason);
                break;
            case WebhookDecision.Stop(var state, var reason):
                WebhookMetrics.Called(state == WebhookMessageState.Abandoned ? "abandoned" : "failed");
                (message.State, message.LastError) = (state, reason);
                logger.LogWarning("Webhook {WebhookId} to endpoint {EndpointId} stopped: {Reason}", message.Id, endpoint.Id, reason);
                break;
            case WebhookDecision.DisableEndpoint(var reason):
                WebhookMetrics.Called("gone");
                (message.State, message.LastError) = (WebhookMessageState.Failed, reason);
                endpoint.Disable(reason, now);
                await db.WebhookMessages
                    .Where(m => m.EndpointId == endpoint.Id && m.State == WebhookMessageState.Pending && m.Id != message.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.State, WebhookMessageState.Abandoned)
                        .SetProperty(m => m.LastError, "the endpoint was disabled (410 Gone)"), ct);
                logger.LogWarning("Webhook endpoint {EndpointId} of {SenderId} disabled: {Reason}", endpoint.Id, endpoint.SenderId, reason);
                break;
        }
        await db.SaveChangesAsync(ct);
    }
}
