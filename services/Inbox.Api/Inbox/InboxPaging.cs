using System.Text.RegularExpressions;
using NotificationAspire.Http;

namespace Inbox.Api.Inbox;

/// <summary>A page request as checked: how many, after which item, which items.</summary>
public sealed record PageRequest(int First, long? After, InboxFilter Filter);

/// <summary>The rules for what a client asks of its inbox, shared by REST and GraphQL so both refuse the same things in the same words.</summary>
public static partial class InboxPaging
{
    public static PageRequest? Read(int? first, string? after, string? category, string? status, FieldErrors errors)
    {
        var size = first ?? InboxQueries.DefaultPageSize;
        if (size is < 1 or > InboxQueries.MaxPageSize)
        {
            errors.Add("first", $"Between 1 and {InboxQueries.MaxPageSize}.");
        }
        long? position = null;
        if (after is not null && (position = InboxCursor.Decode(after)) is null)
        {
            errors.Add("after", "Not a cursor of this inbox: pass a page's endCursor as it came.");
        }
        if (category is not null && CategoryProblem(category) is { } problem)
        {
            errors.Add("category", problem);
        }
        var parsed = InboxStatus.Active;
        if (status is not null && !TryParseStatus(status, out parsed))
        {
            errors.Add("status", $"One of {string.Join(", ", Enum.GetNames<InboxStatus>().Select(n => n.ToLowerInvariant()))}.");
        }
        return errors.Any ? null : new PageRequest(size, position, new InboxFilter(category, parsed));
    }

    public static bool TryParseStatus(string status, out InboxStatus parsed) =>
        Enum.TryParse(status, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _);

    public static string? CategoryProblem(string category) =>
        category.Length <= 64 && Slug().IsMatch(category) ? null : "A category key is 1 to 64 lowercase letters, digits and single hyphens (order-updates).";

    /// <summary>What is wrong with a mark request, at which field; null when it is fine.</summary>
    public static (string Field, string Message)? MarkProblem(MarkItemsRequest request, bool allowAll)
    {
        if (request.All == true)
        {
            if (!allowAll)
            {
                return ("all", "Archive names its items; 'all' is for marking read.");
            }
            if (request.Ids is not null)
            {
                return ("ids", "Give either ids or all, not both.");
            }
            return request.Category is { } category && CategoryProblem(category) is { } problem ? ("category", problem) : null;
        }
        if (request.Category is not null)
        {
            return ("category", "A category goes with all: true.");
        }
        return request.Ids switch
        {
            null or { Count: 0 } => ("ids", allowAll ? "Name the items (ids) or mark all (all: true)." : "Name the items (ids)."),
            { Count: > MarkItemsRequest.MaxIds } => ("ids", $"At most {MarkItemsRequest.MaxIds} ids at once."),
            _ => null,
        };
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
