using Inbox.Api.Inbox;
using NotificationAspire.Http;

namespace Inbox.Api.Tests.Inbox;

/// <summary>What a client may ask of its inbox, each refusal naming the field to fix.</summary>
public sealed class InboxPagingTests
{
    [Fact]
    public void Without_arguments_a_page_is_the_newest_twenty_not_archived()
    {
        var request = InboxPaging.Read(null, null, null, null, new FieldErrors());

        Assert.Equal(new PageRequest(InboxQueries.DefaultPageSize, null, new InboxFilter(null, InboxStatus.Active)), request);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(InboxQueries.MaxPageSize + 1)]
    public void A_page_size_out_of_range_is_refused_at_first(int first) => Assert.Contains("first", Errors(first: first));

    [Fact]
    public void A_cursor_from_a_page_is_accepted_and_positions_the_next() =>
        Assert.Equal(7, InboxPaging.Read(10, InboxCursor.Encode(7), null, null, new FieldErrors())!.After);

    [Fact]
    public void A_foreign_cursor_is_refused_at_after() => Assert.Contains("after", Errors(after: "bogus"));

    [Theory]
    [InlineData("unread", InboxStatus.Unread)]
    [InlineData("Archived", InboxStatus.Archived)]
    [InlineData("all", InboxStatus.All)]
    public void A_status_filter_is_read_case_insensitively(string status, InboxStatus expected) =>
        Assert.Equal(expected, InboxPaging.Read(null, null, null, status, new FieldErrors())!.Filter.Status);

    [Theory]
    [InlineData("3")]
    [InlineData("deleted")]
    public void An_unknown_status_is_refused_naming_the_known_ones(string status)
    {
        var errors = new FieldErrors();
        InboxPaging.Read(null, null, null, status, errors);
        Assert.Equal(["One of active, unread, read, archived, all."], errors.ByField["status"]);
    }

    [Theory]
    [InlineData("Order-Updates")]
    [InlineData("order updates")]
    public void A_category_that_is_not_a_key_is_refused(string category) => Assert.Contains("category", Errors(category: category));

    [Fact]
    public void Marking_needs_ids_or_all_and_not_both()
    {
        Assert.Equal("ids", InboxPaging.MarkProblem(new MarkItemsRequest(null), allowAll: true)?.Field);
        Assert.Equal("ids", InboxPaging.MarkProblem(new MarkItemsRequest([Guid.NewGuid()], All: true), allowAll: true)?.Field);
        Assert.Null(InboxPaging.MarkProblem(new MarkItemsRequest(null, All: true, Category: "billing"), allowAll: true));
        Assert.Null(InboxPaging.MarkProblem(new MarkItemsRequest([Guid.NewGuid()]), allowAll: false));
    }

    [Fact]
    public void Archiving_names_its_items_and_at_most_a_hundred()
    {
        Assert.Equal("all", InboxPaging.MarkProblem(new MarkItemsRequest(null, All: true), allowAll: false)?.Field);
        var tooMany = Enumerable.Range(0, MarkItemsRequest.MaxIds + 1).Select(_ => Guid.NewGuid()).ToList();
        Assert.Equal("ids", InboxPaging.MarkProblem(new MarkItemsRequest(tooMany), allowAll: false)?.Field);
    }

    [Fact]
    public void A_category_without_all_is_refused_at_category() =>
        Assert.Equal("category", InboxPaging.MarkProblem(new MarkItemsRequest([Guid.NewGuid()], Category: "billing"), allowAll: true)?.Field);

    private static IReadOnlyCollection<string> Errors(int? first = null, string? after = null, string? category = null)
    {
        var errors = new FieldErrors();
        Assert.Null(InboxPaging.Read(first, after, category, null, errors));
        return errors.ByField.Keys.ToList();
    }
}
