namespace Inbox.Api.Model;

/// <summary>A notification the command side accepted, as far as timelines need it: who sent it (who may read its timeline) and when.</summary>
public sealed class SentNotification
{
    public required Guid Id { get; init; }

    /// <summary>The sending client's id (a service's `azp`) or the person's subject, as notifications-api recorded it.</summary>
    public required string SenderId { get; init; }

    public required string Category { get; init; }
    public required int RecipientCount { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
}
