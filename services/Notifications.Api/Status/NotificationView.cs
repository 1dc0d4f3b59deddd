using System.Text.Json.Serialization;
using Notifications.Api.Model;

namespace Notifications.Api.Status;

/// <summary>
/// A notification as its sender sees it: status, what was asked (category, channel or null for the category's,
/// the pinned template version), recipients and every delivery attempt, skips with their reason included.
/// </summary>
public sealed record NotificationView(
    Guid Id,
    string Status,
    string Category,
    string? Channel,
    string? Subject,
    string? TemplateKey,
    int? TemplateVersion,
    string? CorrelationKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RecipientView> Recipients,
    IReadOnlyList<AttemptView> Attempts)
{
    /// <summary>Several channels the sender named, in order, and how they are used (`first-success` or `all`); null otherwise.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    public string? Strategy { get; init; }

    /// <summary>When the sender asked for it to go out: one instant, or a wall-clock time in each recipient's zone; null means at once.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? SendAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? SendAtLocal { get; init; }

    /// <summary>A topic send's fan-out: its topics, how many subscribers were handed to delivery so far, and whether that is all; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FanOutView? FanOut { get; init; }

    public static NotificationView From(Notification n) => new(
        n.Id, n.Status.ToString(), n.Category, n.Channel, n.Subject, n.TemplateKey, n.TemplateVersion, n.CorrelationKey, n.CreatedAt, n.UpdatedAt,
        n.Recipients.Select(r => new RecipientView(r.UserId, r.Contact)).ToList(),
        n.Attempts.OrderBy(a => a.OccurredAt)
            .Select(a => new AttemptView(a.Channel, a.RecipientUserId, a.State, a.AttemptNumber, a.OccurredAt, a.Error, a.InterruptedSends, a.PreferencesCachedAt)
            {
                Provider = a.Provider,
                FailedOver = a.FailedOver,
                Segments = a.Segments,
            }).ToList())
    {
        Channels = n.Channels,
        Strategy = n.Strategy,
        SendAt = n.SendAt,
        SendAtLocal = n.SendAtLocal,
    };
}

/// <param name="Contact">The address the sender gave; null means the person's profile supplies it at delivery.</param>
public sealed record RecipientView(string UserId, string? Contact);

/// <param name="Error">Why it failed, waits or was skipped (an opt-out, a channel outside the category).</param>
/// <param name="PreferencesCachedAt">Set when the person's preferences service was down and their preferences as fetched then were used.</param>
public sealed record AttemptView(string Channel, string Recipient, string State, int AttemptNumber, DateTimeOffset OccurredAt, string? Error,
    int InterruptedSends, DateTimeOffset? PreferencesCachedAt)
{
    /// <summary>The provider that took (or refused) the message: `smtp`, `inbox`, `twilio`, `vonage`.</summary>
    public string? Provider { get; init; }

    /// <summary>Providers this attempt failed over from, in order, each with why ("twilio: HTTP 503 ...").</summary>
    public IReadOnlyList<string> FailedOver { get; init; } = [];

    /// <summary>Parts an SMS was sent as (GSM-7 or UCS-2); null on other channels.</summary>
    public int? Segments { get; init; }
}

/// <param name="FannedOut">Subscribers handed to delivery so far, named recipients not counted (they are in Recipients).</param>
public sealed record FanOutView(IReadOnlyList<string> Topics, int FannedOut, bool Complete);

public sealed record NotificationSummary(Guid Id, string Category, string? Channel, string Status, string? CorrelationKey, DateTimeOffset CreatedAt);
