using Inbox.Api.Model;
using Inbox.Api.Providers;

namespace Inbox.Api.Tests.Providers;

/// <summary>What operators see of the workers' reports: providers in failover order, each replica's breaker, stale replicas marked.</summary>
public sealed class ProviderBoardTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    [Fact]
    public void Providers_are_listed_in_failover_order_per_channel_with_every_replica()
    {
        var board = ProviderBoard.Build(
        [
            Report("worker-b", "sms", "vonage", 2),
            Report("worker-a", "sms", "twilio", 1, state: "Open", error: "HTTP 503"),
            Report("worker-b", "sms", "twilio", 1),
            Report("worker-a", "email", "email", 1),
        ], Now, StaleAfter);

        Assert.Equal(["email", "sms"], board.Channels.Select(c => c.Channel));
        var sms = board.Channels[1];
        Assert.Equal(["twilio", "vonage"], sms.Providers.Select(p => p.Name));
        var twilio = sms.Providers[0];
        Assert.Equal(["worker-a", "worker-b"], twilio.Replicas.Select(r => r.Replica));
        Assert.Equal(("Open", "HTTP 503"), (twilio.Replicas[0].State, twilio.Replicas[0].LastError));
        Assert.Equal("Closed", twilio.Replicas[1].State);
        Assert.Equal(60, board.StaleAfterSeconds);
    }

    [Fact]
    public void A_replica_that_stopped_reporting_stays_listed_as_stale_with_the_age_of_its_last_report()
    {
        var board = ProviderBoard.Build(
        [
            Report("worker-live", "email", "email", 1, age: TimeSpan.FromSeconds(10)),
            Report("worker-gone", "email", "email", 1, age: TimeSpan.FromMinutes(5)),
        ], Now, StaleAfter);

        var replicas = board.Channels.Single().Providers.Single().Replicas;
        var gone = replicas.Single(r => r.Replica == "worker-gone");
        Assert.True(gone.Stale);
        Assert.Equal(300, gone.ReportAgeSeconds);
        Assert.Equal("Closed", gone.State); // what it last said, shown as stale rather than as healthy
        Assert.False(replicas.Single(r => r.Replica == "worker-live").Stale);
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public void A_report_is_stale_only_once_it_is_older_than_the_threshold(int ageSeconds, bool stale) =>
        Assert.Equal(stale, ProviderBoard.IsStale(Now.AddSeconds(-ageSeconds), Now, StaleAfter));

    [Fact]
    public void A_report_from_a_clock_slightly_ahead_is_fresh_with_age_zero()
    {
        var replica = ProviderBoard.Replica(Report("worker-a", "email", "email", 1, age: TimeSpan.FromSeconds(-3)), Now, StaleAfter);

        Assert.Equal(0, replica.ReportAgeSeconds);
        Assert.False(replica.Stale);
    }

    [Fact]
    public void When_replicas_disagree_on_the_order_the_freshest_report_decides()
    {
        var board = ProviderBoard.Build(
        [
            Report("worker-old", "sms", "twilio", 1, age: TimeSpan.FromSeconds(30)),
            Report("worker-old", "sms", "vonage", 2, age: TimeSpan.FromSeconds(30)),
            Report("worker-new", "sms", "twilio", 2, age: TimeSpan.FromSeconds(1)),
            Report("worker-new", "sms", "vonage", 1, age: TimeSpan.FromSeconds(1)),
        ], Now, StaleAfter);

        Assert.Equal(["vonage", "twilio"], board.Channels.Single().Providers.Select(p => p.Name));
    }

    private static ProviderReport Report(string replica, string channel, string provider, int position, string state = "Closed", string? error = null,
        TimeSpan? age = null) => new()
    {
        ReplicaId = replica,
        Channel = channel,
        Provider = provider,
        Position = position,
        State = state,
        Since = Now.AddMinutes(-10),
        OpenUntil = state == "Open" ? Now.AddSeconds(20) : null,
        LastError = error,
        ReportedAt = Now - (age ?? TimeSpan.FromSeconds(5)),
        Accepted = 3,
    };
}
