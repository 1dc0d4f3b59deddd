using Notifications.Api.Topics.FanOut;

namespace Notifications.Api.Tests.Topics;

/// <summary>A fan-out page is read one row longer than it is: the extra row tells that another page follows, and is not sent.</summary>
public sealed class FanOutPageTests
{
    [Fact]
    public void A_full_read_keeps_the_extra_row_for_the_next_page()
    {
        var page = FanOutPage.Cut(["a", "b", "c", "d"], pageSize: 3);

        Assert.Equal(["a", "b", "c"], page.Recipients);
        Assert.False(page.Last);
    }

    [Fact]
    public void A_read_of_exactly_a_page_is_the_last_page() =>
        Assert.True(FanOutPage.Cut(["a", "b", "c"], pageSize: 3) is { Last: true, Recipients.Count: 3 });

    [Fact]
    public void An_empty_read_is_an_empty_last_page() =>
        Assert.True(FanOutPage.Cut([], pageSize: 3) is { Last: true, Recipients.Count: 0 });

    [Fact]
    public void A_read_longer_than_asked_is_a_bug_not_a_page() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FanOutPage.Cut(["a", "b", "c"], pageSize: 1));
}
