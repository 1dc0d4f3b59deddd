using Notifications.Api.Model;

namespace Notifications.Api.Tests.Topics;

/// <summary>The durable cursor of a fan-out: it moves to the last person of each page written, and stops moving once complete.</summary>
public sealed class FanOutCursorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_fan_out_starts_before_everyone()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);

        Assert.Equal(string.Empty, fanOut.Cursor);
        Assert.False(fanOut.IsComplete);
    }

    [Fact]
    public void Each_page_moves_the_cursor_to_its_last_person_and_counts_them()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);

        fanOut.Advance(["a", "b"], last: false, Now.AddSeconds(1));
        fanOut.Advance(["c"], last: true, Now.AddSeconds(2));

        Assert.Equal("c", fanOut.Cursor);
        Assert.Equal((3, 2), (fanOut.FannedOut, fanOut.Pages));
        Assert.Equal(Now.AddSeconds(2), fanOut.CompletedAt);
    }

    [Fact]
    public void An_empty_last_page_completes_without_moving_the_cursor()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);
        fanOut.Advance(["a"], last: false, Now);

        fanOut.Advance([], last: true, Now.AddSeconds(1));

        Assert.Equal(("a", 1, 1), (fanOut.Cursor, fanOut.FannedOut, fanOut.Pages));
        Assert.True(fanOut.IsComplete);
    }

    [Fact]
    public void A_stopped_fan_out_is_complete_where_it_was()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);
        fanOut.Advance(["a"], last: false, Now);

        fanOut.Stop(Now.AddSeconds(1));

        Assert.True(fanOut is { IsComplete: true, Cursor: "a", FannedOut: 1 });
    }

    [Fact]
    public void The_last_page_and_a_stop_each_ask_for_the_status_to_be_settled_again()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);
        fanOut.Advance(["a"], last: false, Now);
        Assert.Equal(0, fanOut.Reports); // a page that is not the last changes nothing anyone reported

        fanOut.Advance(["b"], last: true, Now);
        Assert.Equal(1, fanOut.Reports);

        fanOut.Settle(fanOut.Reports);
        Assert.Equal(fanOut.Reports, fanOut.SettledReports);
    }

    [Fact]
    public void Settling_an_older_count_never_moves_the_settled_count_back()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);
        fanOut.Advance([], last: true, Now);
        fanOut.Settle(1);

        fanOut.Settle(0);

        Assert.Equal(1, fanOut.SettledReports);
    }

    [Fact]
    public void A_restart_fans_out_again_from_before_everyone()
    {
        var fanOut = TopicFanOut.Start(Guid.NewGuid(), ["news"], Now);
        fanOut.Advance(["a", "b"], last: true, Now);

        fanOut.Restart(Now.AddMinutes(1));

        Assert.True(fanOut is { Cursor: "", FannedOut: 0, Pages: 0, IsComplete: false });
        Assert.True(fanOut.Reports > fanOut.SettledReports);
    }
}
