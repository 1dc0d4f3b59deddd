using Delivery.Worker.Providers;
using Delivery.Worker.Providers.Protection;
using Delivery.Worker.Providers.StateReports;
using Delivery.Worker.Tests.Providers.Protection;
using Microsoft.Extensions.DependencyInjection;
using NotificationAspire.Contracts.Events;

namespace Delivery.Worker.Tests.Providers.StateReports;

/// <summary>What a replica tells operators about a provider: its breaker's moves as they happen, and the sends in each window.</summary>
public sealed class ProviderStateReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private readonly ProtectionHarness harness = new(("RecipientPermitsPerMinute", "1000"), ("BreakerFailureThreshold", "2"), ("BreakDuration", "00:00:30"));

    [Fact]
    public async Task Every_move_of_a_breaker_is_noted_for_a_report_and_nothing_else_is()
    {
        var transitions = harness.Services.GetRequiredService<BreakerTransitions>();
        harness.Email.FailAll("SMTP relay unreachable");

        await FailAsync(1);
        Assert.False(transitions.Changed.TryRead(out _)); // below the threshold: nothing changed
        await FailAsync(1);
        Assert.True(transitions.Changed.TryRead(out var opened));
        Assert.Equal("email", opened);

        harness.Email.AcceptAll();
        harness.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.IsType<ChannelSendResult.Accepted>(await harness.SendAsync());
        Assert.True(transitions.Changed.TryRead(out _)); // half-open, for the probe
        Assert.True(transitions.Changed.TryRead(out _)); // closed, by its answer
        Assert.False(transitions.Changed.TryRead(out _));
    }

    [Fact]
    public void An_open_breaker_is_reported_with_since_until_and_its_error()
    {
        var breaker = new CircuitSnapshot(CircuitState.Open, Start, Start.AddSeconds(30), "HTTP 503");
        var tally = new TallyWindow(Start.AddSeconds(-15), Accepted: 4, Rejected: 1, Failed: 5, Deferred: 2);

        var report = ProviderStateReports.Build("delivery-worker-a1", new ScriptedProvider("sms", "twilio"), 1, breaker, tally, Start.AddSeconds(1));

        Assert.Equal(("delivery-worker-a1", "sms", "twilio", 1), (report.ReplicaId, report.Channel, report.Provider, report.Position));
        Assert.Equal((BreakerStates.Open, Start, Start.AddSeconds(30), "HTTP 503"), (report.State, report.Since, report.OpenUntil, report.LastError));
        Assert.Equal(new ProviderSendCounts(4, 1, 5, 2), report.Counts);
        Assert.Equal(Start.AddSeconds(-15), report.CountsSince);
        // One key per replica and provider: a compacted topic keeps the latest report of each.
        Assert.Equal("delivery-worker-a1/sms/twilio", report.PartitionKey);
    }

    [Fact]
    public void A_heartbeat_takes_the_window_and_starts_the_next_empty_while_a_transition_only_peeks()
    {
        var tally = new ProviderTally(Start);
        tally.Answered(new ChannelSendResult.Accepted("m1"));
        tally.Answered(new ChannelSendResult.Rejected("no such number"));
        tally.Failed();
        tally.Deferred();

        Assert.Equal(new TallyWindow(Start, 1, 1, 1, 1), tally.Peek());
        Assert.Equal(new TallyWindow(Start, 1, 1, 1, 1), tally.TakeWindow(Start.AddSeconds(15)));
        Assert.Equal(new TallyWindow(Start.AddSeconds(15), 0, 0, 0, 0), tally.Peek());
    }

    [Theory]
    [InlineData("replica-7", null, null, "replica-7")]
    [InlineData(null, "service.name=delivery-worker,service.instance.id=delivery-worker-xk2p", "pod-1", "delivery-worker-xk2p")]
    [InlineData(null, "service.instance.id=xk2p", null, "delivery-worker-xk2p")]
    [InlineData(null, "service.instance.id={{- index .Annotations \"x\" -}}", "delivery-worker-7d9f-abcde", "delivery-worker-7d9f-abcde")]
    [InlineData(null, null, "delivery-worker-7d9f-abcde", "delivery-worker-7d9f-abcde")]
    [InlineData(null, null, null, null)]
    public void A_replica_is_named_by_configuration_then_its_instance_id_then_its_pod_then_its_process(string? configured, string? otel, string? pod,
        string? expected) =>
        Assert.Equal(expected ?? $"{Environment.MachineName}-{Environment.ProcessId}", ReplicaIdentity.Resolve(configured, otel, pod, "delivery-worker"));

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await Assert.ThrowsAsync<IOException>(() => harness.SendAsync());
        }
    }

    public void Dispose() => harness.Dispose();
}
