namespace Delivery.Worker.Recipients;

/// <summary>A contact a person keeps in preferences-api that a channel's receiver can call gone for good.</summary>
public enum GoneContact
{
    /// <summary>The push service answered 404 or 410 (RFC 8030 §7.3): preferences-api removes the subscription.</summary>
    PushSubscription,

    /// <summary>The endpoint answered 410 Gone: preferences-api disables it.</summary>
    WebhookEndpoint,
}

/// <summary>Tells whoever keeps a person's contacts that one is gone for good.</summary>
public interface IGoneContacts
{
    Task ReportAsync(GoneContact kind, string userId, Guid contactId, CancellationToken cancellationToken);
}

/// <summary>
/// Reports to preferences-api (`POST .../{push-subscriptions|webhook-endpoints}/{id}/gone`). A report that fails is
/// only logged: the contact stays, the next send to it gets the same answer and reports it again, so the removal
/// happens eventually without an outbox of its own (docs/api.md, web push).
/// </summary>
public sealed class PreferencesGoneContacts(IServiceProvider services, ILogger<PreferencesGoneContacts> logger) : IGoneContacts
{
    public async Task ReportAsync(GoneContact kind, string userId, Guid contactId, CancellationToken cancellationToken)
    {
        try
        {
            // The typed client is transient; taken per report so this singleton never holds an old handler.
            await services.GetRequiredService<PreferencesClient>().ReportGoneAsync(kind, userId, contactId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not report {ContactKind} {ContactId} of {UserId} as gone; the next send to it will report it again",
                kind, contactId, userId);
        }
    }
}
