namespace Inbox.Api.Inbox;

/// <summary>Which of a person's items a page shows: by default everything not archived.</summary>
public enum InboxStatus
{
    Active,
    Unread,
    Read,
    Archived,
    All,
}

/// <param name="Category">Only this category; null for all.</param>
public sealed record InboxFilter(string? Category = null, InboxStatus Status = InboxStatus.Active);

/// <summary>One item as its person sees it. <see cref="Id"/> is the notification's id (one in-app item per notification and person).</summary>
public sealed record InboxItemView(
    Guid Id,
    long Sequence,
    string Category,
    string Title,
    string Body,
    string? Url,
    DateTimeOffset DeliveredAt,
    DateTimeOffset? SeenAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? ArchivedAt)
{
    public bool Read => ReadAt is not null;
}

/// <summary>A page of items, newest first; <see cref="EndCursor"/> asks for the next (older) page.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItemView> Items, string? EndCursor, bool HasNextPage);

/// <summary>Unread items that are not archived, in all and per category.</summary>
public sealed record UnreadCounts(int Total, IReadOnlyDictionary<string, int> ByCategory);
