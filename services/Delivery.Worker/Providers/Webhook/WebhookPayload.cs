using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Worker.Providers.Webhook;

/// <summary>
/// The body a person's endpoint receives, in the Standard Webhooks envelope (`type`, `data`). Built only from the
/// message, so every retry of a delivery posts the same bytes under the same `webhook-id`; the attempt's time
/// travels in the `webhook-timestamp` header, which the signature covers.
/// </summary>
public static class WebhookPayload
{
    public const string Type = "notification.created";

    public static byte[] For(OutgoingMessage message) => JsonSerializer.SerializeToUtf8Bytes(new Envelope(Type, new Data(
        message.Origin?.NotificationId, message.Origin?.RecipientUserId, message.Origin?.Category,
        message.Subject, message.Body, message.Url, message.Locale, message.DeliveryKey)), Json);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Null fields (no url, no locale) are sent as null, so receivers see one shape.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private sealed record Envelope(string Type, Data Data);

    private sealed record Data(Guid? NotificationId, string? RecipientUserId, string? Category, string Subject, string Body, string? Url,
        string? Locale, string DeliveryKey);
}
