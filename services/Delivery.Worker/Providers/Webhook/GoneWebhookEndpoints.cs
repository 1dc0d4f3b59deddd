using Delivery.Worker.Recipients;

namespace Delivery.Worker.Providers.Webhook;

/// <summary>Tells whoever keeps a person's webhook endpoints that one answered 410 Gone and is to be disabled.</summary>
public interface IGoneWebhookEndpoints
{
    Task ReportAsync(string userId, Guid endpointId, CancellationToken cancellationToken);
}

/// <summary>
/// Reports to preferences-api (`POST .../webhook-endpoints/{id}/gone`), which disables the endpoint. A report that
/// fails is only logged, as for push subscriptions: the next send gets the same 410 and reports it again.
/// </summary>
public sealed class PreferencesGoneWebhookEndpoints(IServiceProvider services, ILogger<PreferencesGoneWebhookEndpoints> logger) : IGoneWebhookEndpoints
{
    public async Task ReportAsync(string userId, Guid endpointId, CancellationToken cancellationToken)
    {
        try
        {
            // The typed client is transient; taken per report so this singleton never holds an old handler.
            await services.GetRequiredService<PreferencesClient>().ReportGoneWebhookEndpointAsync(userId, endpointId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not report webhook endpoint {EndpointId} of {UserId} as gone; the next send to it will report it again",
                endpointId, userId);
        }
    }
}
