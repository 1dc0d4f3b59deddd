using Notifications.Api.Sending;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.Tests.Sending;

/// <summary>`sendAt` is an instant with its offset, `sendAtLocal` a wall-clock time without one; at most a year ahead; one or the other.</summary>
public sealed class SendTimeValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-24T18:00:00Z", "2026-12-24T18:00:00+00:00")]
    [InlineData("2026-12-24T19:00:00+01:00", "2026-12-24T18:00:00+00:00")]
    [InlineData("2026-12-24T13:00:00.250-05:00", "2026-12-24T18:00:00.250+00:00")]
    public void An_instant_with_its_offset_is_taken(string sendAt, string expected)
    {
        var (time, errors) = Parse(sendAt, null);

        Assert.Empty(errors);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time!.At);
        Assert.Null(time.Local);
    }

    [Theory]
    [InlineData("2026-12-24T09:00")]
    [InlineData("2026-12-24T09:00:00")]
    public void A_local_time_without_an_offset_is_taken_as_a_wall_clock_time(string sendAtLocal)
    {
        var (time, errors) = Parse(null, sendAtLocal);

        Assert.Empty(errors);
        Assert.Equal(new DateTime(2026, 12, 24, 9, 0, 0), time!.Local);
        Assert.Null(time.At);
    }

    [Theory]
    [InlineData("2026-12-24T18:00:00", "sendAt")] // no offset: whose 18:00?
    [InlineData("tomorrow", "sendAt")]
    [InlineData("2028-01-01T00:00:00Z", "sendAt")] // more than a year ahead
    public void A_bad_instant_is_an_error_at_send_at(string sendAt, string field) =>
        Assert.Contains(field, Parse(sendAt, null).Errors.Keys);

    [Theory]
    [InlineData("2026-12-24T09:00:00Z")] // an offset belongs in sendAt
    [InlineData("09:00")]
    [InlineData("2028-01-01T09:00")]
    public void A_bad_local_time_is_an_error_at_send_at_local(string sendAtLocal) =>
        Assert.Contains("sendAtLocal", Parse(null, sendAtLocal).Errors.Keys);

    [Fact]
    public void Both_at_once_is_an_error() =>
        Assert.Contains("sendAtLocal", Parse("2026-12-24T18:00:00Z", "2026-12-24T09:00").Errors.Keys);

    [Fact]
    public void A_time_already_past_is_taken_and_sends_at_once() =>
        Assert.Empty(Parse("2026-11-30T12:00:00Z", null).Errors);

    private static (SendTime? Time, Dictionary<string, string[]> Errors) Parse(string? sendAt, string? sendAtLocal)
    {
        var errors = new Dictionary<string, string[]>();
        var time = SendTimeRules.Parse(sendAt, sendAtLocal, Now, (field, message) => errors[field] = [message]);
        return (time, errors);
    }
}
