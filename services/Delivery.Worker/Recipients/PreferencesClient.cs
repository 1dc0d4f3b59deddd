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

    /// <summary>A receiver called one of the person's contacts gone for good: preferences-api removes or disables it (idempotent).</summary>
    public async Task ReportGoneAsync(GoneContact kind, string userId, Guid contactId, CancellationToken cancellationToken)
    {
        var collection = kind switch
        {
            GoneContact.PushSubscription => "push-subscriptions",
            GoneContact.WebhookEndpoint => "webhook-endpoints",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        using var response = await http.PostAsync(
            $"/api/recipients/{Uri.EscapeDataString(userId)}/{collection}/{contactId}/gone", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
