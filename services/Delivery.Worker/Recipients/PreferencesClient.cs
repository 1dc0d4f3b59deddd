using System.Net.Http.Json;
using NotificationAspire.Contracts.Recipients;

namespace Delivery.Worker.Recipients;

/// <summary>
/// `preferences-api` over HTTP, found by service discovery, with the worker's own token. The circuit breaker and
/// timeout around it are the HTTP client's resilience pipeline (see RecipientsExtensions); a failure throws.
/// </summary>
public sealed class PreferencesClient(HttpClient http)
{
    public async Task<DeliveryProfile> GetDeliveryProfileAsync(string userId, string category, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<DeliveryProfile>(
            $"/api/recipients/{Uri.EscapeDataString(userId)}/delivery-profile?category={Uri.EscapeDataString(category)}", cancellationToken)
        ?? throw new InvalidOperationException("preferences-api answered with an empty delivery profile.");

    /// <summary>The push service answered 404/410 for this subscription: preferences-api removes it (idempotent).</summary>
    public async Task ReportGonePushSubscriptionAsync(string userId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(
            $"/api/recipients/{Uri.EscapeDataString(userId)}/push-subscriptions/{subscriptionId}/gone", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The endpoint answered 410 Gone: preferences-api disables it (idempotent).</summary>
    public async Task ReportGoneWebhookEndpointAsync(string userId, Guid endpointId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(
            $"/api/recipients/{Uri.EscapeDataString(userId)}/webhook-endpoints/{endpointId}/gone", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
