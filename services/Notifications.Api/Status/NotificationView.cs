using Notifications.Api.Model;

namespace Notifications.Api.Status;

/// <summary>A notification as its sender sees it: status, recipients and every delivery attempt.</summary>
public sealed record NotificationView(
    Guid Id,
    string Status,
    string Channel,
    string? Subject,
    string? CorrelationKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RecipientView> Recipients,
    IReadOnlyList<AttemptView> Attempts)
{
    public static NotificationView From(Notification n) => new(
        n.Id, n.Status.ToString(), n.Channel, n.Subject, n.CorrelationKey, n.CreatedAt, n.UpdatedAt,
        n.Recipients.Select(r => new RecipientView(r.UserId, r.Contact)).ToList(),
        n.Attempts.OrderBy(a => a.OccurredAt)
            .Select(a => new AttemptView(a.Channel, a.RecipientUserId, a.State, a.AttemptNumber, a.OccurredAt, a.Error, a.InterruptedSends)).ToList());
}

public sealed record RecipientView(string UserId, string Contact);

public sealed record AttemptView(string Channel, string Recipient, string State, int AttemptNumber, DateTimeOffset OccurredAt, string? Error, int InterruptedSends);

public sealed record NotificationSummary(Guid Id, string Channel, string Status, string? CorrelationKey, DateTimeOffset CreatedAt);
