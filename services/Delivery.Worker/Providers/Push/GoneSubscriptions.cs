using Delivery.Worker.Recipients;

namespace Delivery.Worker.Providers.Push;

/// <summary>Tells whoever keeps a person's push subscriptions that one is gone for good (the push service said 404 or 410).</summary>
public interface IGoneSubscriptions
{
    Task ReportAsync(string userId, Guid subscriptionId, CancellationToken cancellationToken);
}

/// <summary>
/// Reports to preferences-api (`POST .../push-subscriptions/{id}/gone`), which removes the subscription. A report
/// that fails is only logged: the subscription stays, the next send to it gets the same 404/410 and reports it
/// again, so the removal happens eventually without an outbox of its own (docs/api.md, web push).
/// </summary>
public sealed class PreferencesGoneSubscriptions(IServiceProvider services, ILogger<PreferencesGoneSubscriptions> logger) : IGoneSubscriptions
{
    public async Task ReportAsync(string userId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            // The typed client is transient; taken per report so this singleton never holds an old handler.
            await services.GetRequiredService<PreferencesClient>().ReportGonePushSubscriptionAsync(userId, subscriptionId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not report push subscription {SubscriptionId} of {UserId} as gone; the next send to it will report it again",
                subscriptionId, userId);
        }
    }
}
