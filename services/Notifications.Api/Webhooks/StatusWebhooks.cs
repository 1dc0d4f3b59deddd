using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Webhooks;

/// <summary>
/// Adds the webhook messages a status event makes for its sender's endpoints to the projector's unit of work, so
/// they commit with the status itself: an event projected is an event whose webhooks will be sent, even across a
/// crash, and an event projected again (a redelivery) is skipped before it gets here.
/// </summary>
public sealed class StatusWebhooks(NotificationsDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the messages (not saved); how many, so the caller wakes the dispatcher once they are committed.</summary>
    public async Task<int> AddAsync(Notification notification, DeliveryStatusChanged change, string statusEventId, DateTimeOffset now, CancellationToken ct)
    {
        if (WebhookEventTypes.Of(change.State) is not { } type)
        {
            return 0;
        }
        var endpoints = await db.WebhookEndpoints
            .Where(e => e.SenderId == notification.SenderId && e.DisabledAt == null)
            .ToListAsync(ct);
        var hearing = endpoints.Where(e => e.Hears(type)).ToList();
        if (hearing.Count == 0)
        {
            return 0; // most senders register no endpoint: no payload to build
        }
        var payload = Payload(type, notification, change);
        foreach (var endpoint in hearing)
        {
            db.WebhookMessages.Add(new WebhookMessage
            {
                Id = MessageId(endpoint.Id, statusEventId),
                EndpointId = endpoint.Id,
                NotificationId = notification.Id,
                EventType = type,
                Payload = payload,
                CreatedAt = now,
                State = WebhookMessageState.Pending,
                NextAttemptAt = now,
            });
        }
        return hearing.Count;
    }

    /// <summary>Derived, not random: whoever records this event for this endpoint names it the same.</summary>
    public static string MessageId(Guid endpointId, string statusEventId) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{endpointId:N}.{statusEventId}"))[..16]);

    private static string Payload(string type, Notification notification, DeliveryStatusChanged change) => JsonSerializer.Serialize(new
    {
        type,
        timestamp = change.OccurredAt,
        data = new
        {
            notificationId = notification.Id,
            recipient = change.RecipientUserId,
            channel = change.Channel,
            status = change.State,
            attempt = change.AttemptNumber,
            provider = change.Provider,
            error = change.Error,
            notificationStatus = notification.Status.ToString(),
            correlationKey = notification.CorrelationKey,
        },
    }, Json);
}
