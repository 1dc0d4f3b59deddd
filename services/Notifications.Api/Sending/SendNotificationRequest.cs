using System.Text.Json.Nodes;

namespace Notifications.Api.Sending;

/// <summary>The body of `POST /api/notifications`. Unknown fields are rejected, so a typo never goes unnoticed.</summary>
public sealed record SendNotificationRequest(
    string? Channel,
    IReadOnlyList<RecipientRequest>? Recipients,
    string? Subject,
    string? Body,
    string? TemplateKey,
    JsonObject? TemplateData,
    string? CorrelationKey);

public sealed record RecipientRequest(string? UserId, string? Contact);

/// <summary>What `POST` answers (202), the same for a replay with the same Idempotency-Key.</summary>
public sealed record NotificationAccepted(Guid Id, string Status);
