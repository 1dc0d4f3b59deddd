using System.Text.Json.Nodes;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Contracts.Templates;

namespace NotificationAspire.Contracts.Events;

/// <summary>
/// The command side accepted a notification; the delivery worker delivers it to every recipient.
/// Published through the outbox to <see cref="KafkaTopics.NotificationRequests"/>, keyed by notification id.
/// Either <see cref="Subject"/> and <see cref="Body"/> hold the caller's own text, or <see cref="Template"/> holds
/// the pinned template version the worker renders per recipient with <see cref="TemplateData"/>.
/// </summary>
/// <param name="Channel">The channel the sender chose; null means the category's default channels.</param>
public sealed record NotificationRequested(
    Guid NotificationId,
    string SenderId,
    string? Channel,
    string? Subject,
    string? Body,
    string? CorrelationKey,
    IReadOnlyList<RecipientAddress> Recipients,
    DateTimeOffset RequestedAt) : IIntegrationEvent
{
    public static string EventType => "io.notificationaspire.notification.requested";

    public static KafkaTopic Topic => KafkaTopics.NotificationRequests;

    /// <summary>Bumped on a breaking change; consumers read the versions they know and dead-letter the rest.</summary>
    public int SchemaVersion { get; init; } = 1;

    public string PartitionKey => NotificationId.ToString();

    /// <summary>What kind of notification this is (opt-outs, quiet hours, criticality). Added after version 1; absent means general.</summary>
    public string Category { get; init; } = NotificationCategories.General;

    public TemplateContent? Template { get; init; }

    public JsonObject? TemplateData { get; init; }

    /// <summary>Several channels the sender named, in order (with <see cref="Strategy"/>); null when <see cref="Channel"/> or the category decides. Added after version 1.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>One of <see cref="ChannelStrategies"/> when <see cref="Channels"/> is given.</summary>
    public string? Strategy { get; init; }

    /// <summary>When to deliver, the same instant for everyone (or its local time in each person's zone); null means now. Added after version 1.</summary>
    public SendTime? SendTime { get; init; }

    /// <summary>Collect this into one message per person, key and window (<see cref="DigestRequest"/>); null means send each. Added after version 1.</summary>
    public DigestRequest? Digest { get; init; }

    public string? MissingFields() =>
        NotificationId != Guid.Empty && !string.IsNullOrEmpty(Category) && (Template is not null || (Subject is not null && Body is not null))
            && Recipients is not null && Recipients.All(r => r is not null && !string.IsNullOrEmpty(r.UserId))
            ? null
            : "notificationId, category, a template or subject and body, and recipients (each with a userId) are required";
}

/// <summary>
/// A person, and optionally the address to reach them given inline by the sender (for people without a
/// profile); without it the worker looks the address up in the person's profile at delivery time.
/// </summary>
public sealed record RecipientAddress(string UserId, string? Contact);
