namespace Notifications.Api.Topics.FanOut;

/// <summary>
/// One page of a fan-out, cut from a read of one row more than a page: the extra row only says that another
/// page follows, so the last page is known as it is written and completes the fan-out in the same transaction.
/// </summary>
public sealed record FanOutPage(IReadOnlyList<string> Recipients, bool Last)
{
    /// <param name="read">User ids in keyset order, at most <paramref name="pageSize"/> + 1 of them.</param>
    public static FanOutPage Cut(IReadOnlyList<string> read, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(read.Count, pageSize + 1);
        return read.Count > pageSize ? new FanOutPage(read.Take(pageSize).ToList(), Last: false) : new FanOutPage(read, Last: true);
    }
}
