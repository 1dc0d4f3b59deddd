namespace Inbox.Api.Inbox;

/// <summary>
/// `POST /api/inbox/read` and `/archive`: the items by id (`{"ids": [...]}`), or, for read only, every unread item
/// (`{"all": true}`, optionally of one `category`).
/// </summary>
public sealed record MarkItemsRequest(List<Guid>? Ids, bool? All = null, string? Category = null)
{
    public const int MaxIds = 100;
}

/// <summary>The person's unread counts after a command, so a client updates its badge without asking again.</summary>
public sealed record MarkResult(int Marked, UnreadCounts Unread);
