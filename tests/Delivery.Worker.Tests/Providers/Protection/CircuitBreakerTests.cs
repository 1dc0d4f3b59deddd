using Delivery.Worker.Providers;

namespace Delivery.Worker.Tests.Providers.Protection;

/// <summary>The breaker with its defaults: 5 failures within a minute open it for 30 s.</summary>
public sealed class CircuitBreakerTests : IDisposable
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    // Recipient limits are other tests' business; here they must not get in the way.
    private readonly ProtectionHarness harness = new(("RecipientPermitsPerMinute", "1000"));

    [Fact]
    public async Task Opens_after_the_threshold_of_consecutive_failures_and_stops_calling_the_provider()
    {
        await FailAsync(5, "SMTP relay unreachable");
        var openedAt = harness.Time.GetUtcNow();

        var result = await harness.SendAsync();

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(result);
        Assert.Equal("circuit open for email: SMTP relay unreachable", deferred.Reason);
        Assert.Equal(openedAt + BreakDuration, deferred.NotBefore);
        Assert.Equal(5, harness.Email.Calls);
    }

    [Fact]
    public async Task Stays_closed_below_the_threshold_and_an_answer_restarts_the_count()
    {
        await FailAsync(4);
        harness.Email.RejectAll();
        Assert.IsType<ChannelSendResult.Rejected>(await harness.SendAsync());
        await FailAsync(4);

        harness.Email.AcceptAll();
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
        Assert.Equal(10, harness.Email.Calls);
    }

    [Fact]
    public async Task Failures_spread_wider_than_the_sampling_window_do_not_open_it()
    {
        for (var i = 0; i < 5; i++)
        {
            await FailAsync(1);
            harness.Time.Advance(TimeSpan.FromSeconds(16));
        }

        harness.Email.AcceptAll();
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
    }

    [Fact]
    public async Task Defers_until_the_break_is_over_then_a_successful_probe_closes_it()
    {
        await OpenAsync();
        harness.Email.AcceptAll();
        harness.Time.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());
        Assert.Equal(5, harness.Email.Calls);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
        Assert.Equal(6, harness.Email.Calls);

        // Closed again, with a fresh count: one failure does not reopen it.
        await FailAsync(1);
        harness.Email.AcceptAll();
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
        Assert.Equal(8, harness.Email.Calls);
    }

    [Fact]
    public async Task Lets_exactly_one_probe_through_while_it_is_in_flight()
    {
        await OpenAsync();
        harness.Time.Advance(BreakDuration);
        var probeAnswer = new TaskCompletionSource<ChannelSendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Email.Behaviour = _ => probeAnswer.Task;

        var probe = harness.SendAsync();
        var others = new[] { harness.SendAsync(), harness.SendAsync("bob@example.com") };

        foreach (var send in others)
        {
            // Deferred at once: had it reached the provider it would hang on the probe's answer.
            Assert.True(send.IsCompletedSuccessfully);
            var deferred = Assert.IsType<ChannelSendResult.Deferred>(await send);
            Assert.Equal("circuit open for email: connection refused (a probe is in flight)", deferred.Reason);
            Assert.InRange(deferred.NotBefore - harness.Time.GetUtcNow(), TimeSpan.FromSeconds(1), BreakDuration);
        }
        Assert.Equal(6, harness.Email.Calls);

        probeAnswer.SetResult(new ChannelSendResult.Accepted("probe"));
        Assert.IsType<ChannelSendResult.Accepted>(await probe);
        harness.Email.AcceptAll();
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
    }

    [Fact]
    public async Task A_failed_probe_opens_it_for_another_break()
    {
        await OpenAsync();
        harness.Time.Advance(BreakDuration);
        harness.Email.FailAll("still down");

        await Assert.ThrowsAsync<IOException>(() => harness.SendAsync());
        var reopenedAt = harness.Time.GetUtcNow();

        var deferred = Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());
        Assert.Equal("circuit open for email: still down", deferred.Reason);
        Assert.Equal(reopenedAt + BreakDuration, deferred.NotBefore);
        Assert.Equal(6, harness.Email.Calls);
    }

    [Fact]
    public async Task A_probe_given_up_by_the_caller_hands_its_turn_to_the_next_send()
    {
        await OpenAsync();
        harness.Time.Advance(BreakDuration);
        using var shutdown = new CancellationTokenSource();
        await shutdown.CancelAsync();
        harness.Email.Behaviour = _ => Task.FromCanceled<ChannelSendResult>(shutdown.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.SendAsync(cancellationToken: shutdown.Token));

        harness.Email.AcceptAll();
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
        Assert.Equal(7, harness.Email.Calls);
    }

    public void Dispose() => harness.Dispose();

    private async Task OpenAsync()
    {
        await FailAsync(5);
        Assert.IsType<ChannelSendResult.Deferred>(await harness.SendAsync());
    }

    private async Task FailAsync(int times, string error = "connection refused")
    {
        harness.Email.FailAll(error);
        for (var i = 0; i < times; i++)
        {
            // Transient failures still reach the caller, which retries them on its tiers.
            await Assert.ThrowsAsync<IOException>(() => harness.SendAsync());
        }
    }
}
