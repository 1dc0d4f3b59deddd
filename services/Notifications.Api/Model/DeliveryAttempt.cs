namespace Notifications.Api.Model;

/// <summary>
/// One delivery attempt as the worker reported it in a status event. This is a read model: the worker owns
/// the truth in its own database and tells us through `notification-status`.
/// </summary>
public sealed class DeliveryAttempt
{
    /// <summary>The status event's CloudEvents id; a redelivered event is recognised and ignored.</summary>
    public required string EventId { get; init; }
    public Guid NotificationId { get; init; }
    public required string RecipientUserId { get; init; }
    public required string Channel { get; init; }
    public required string State { get; init; }
    public int AttemptNumber { get; init; }
    public string? Error { get; init; }

    /// <summary>Sends the worker made again because the one before never recorded an outcome: a second copy is possible.</summary>
    public int InterruptedSends { get; init; }

    /// <summary>Set when preferences-api could not answer and the worker went by the person's preferences as fetched then.</summary>
    public DateTimeOffset? PreferencesCachedAt { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The provider that took (or refused) the message; null when none answered.</summary>
    public string? Provider { get; init; }

    /// <summary>Providers the attempt failed over from before <see cref="Provider"/>, each with its error.</summary>
    public string[] FailedOver { get; init; } = [];

    /// <summary>Parts an SMS was sent as; null on other channels.</summary>
    public int? Segments { get; init; }
}
