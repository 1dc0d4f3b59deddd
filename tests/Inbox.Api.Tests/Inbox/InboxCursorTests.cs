using Inbox.Api.Inbox;

namespace Inbox.Api.Tests.Inbox;

/// <summary>Cursors are opaque to clients but must come back to the same place, and anything else is refused, not guessed at.</summary>
public sealed class InboxCursorTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_comes_back_to_the_sequence_it_was_made_from(long sequence) =>
        Assert.Equal(sequence, InboxCursor.Decode(InboxCursor.Encode(sequence)));

    [Fact]
    public void A_cursor_is_url_safe_text() =>
        Assert.Matches("^[A-Za-z0-9_-]+$", InboxCursor.Encode(123456789));

    [Theory]
    [InlineData("")]
    [InlineData("not-a-cursor")]
    [InlineData("MTIz")] // base64url of "123": a number without our prefix
    [InlineData("aW5ib3g6LTE")] // "inbox:-1"
    [InlineData("aW5ib3g6MA")] // "inbox:0"
    [InlineData("aW5ib3g6YWJj")] // "inbox:abc"
    [InlineData("a+b/")] // base64, not base64url
    public void Anything_else_is_not_a_cursor(string cursor) => Assert.Null(InboxCursor.Decode(cursor));
}
