using System.Diagnostics;
using NotificationAspire.Bench.Load;
using NotificationAspire.Bench.Platform;

namespace NotificationAspire.Bench.Measures;

/// <summary>One offered rate held for a while: how fast accepted notifications reached the sink, and whether the platform kept up.</summary>
/// <param name="Sustained">Every request accepted, and the backlog gone within <see cref="EndToEnd.KeptUpWithin"/> of the last send: it did not grow.</param>
/// <param name="CpuBusy">The machine's processors, busy share while the rate was held.</param>
/// <param name="MissingStatus">What the platform says of the first few missing notifications (status, latest attempt).</param>
public sealed record RatePoint(int Replicas, double Offered, TimeSpan Held, LoadResult Accepts, double Delivered, Latencies Latencies,
    TimeSpan Drained, long Missing, bool Sustained, double CpuBusy, IReadOnlyList<string> MissingStatus);

/// <summary>Accepted to delivered (the sink's arrival), at a fixed offered rate; phases run one after another, each from an empty backlog.</summary>
public sealed class EndToEnd(PlatformClient client, CountingSmtpSink sink, int replicas, TimeSpan drainDeadline)
{
    /// <summary>A backlog gone this soon after the last send never grew beyond a moment's work.</summary>
    public static readonly TimeSpan KeptUpWithin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a phase waits for what earlier phases left: one that overloads the platform (500/s offered to a pipeline
    /// of about 50/s) leaves minutes of backlog past its drain deadline, and a phase started on it measured that backlog
    /// (a full run's sustain probes once reported 0/s delivered).
    /// </summary>
    public static readonly TimeSpan SettleDeadline = TimeSpan.FromMinutes(10);

    /// <summary>How many missing notifications a phase asks the platform about: enough to tell a pattern, few enough not to load it.</summary>
    private const int MissingExplained = 5;

    public async Task<RatePoint> AtRateAsync(double perSecond, TimeSpan held)
    {
        if (await WaitForBacklogAsync(SettleDeadline) is null)
        {
            Console.WriteLine($"bench: earlier phases' backlog not delivered within {SettleDeadline.TotalMinutes:0} minutes; the {perSecond:0}/s phase starts on it");
        }
        var phase = $"r{replicas}-{perSecond:0}-{Guid.NewGuid().ToString("N")[..4]}";
        var clock = Stopwatch.StartNew();
        var cpu = CpuBusy.Start();
        var accepts = await LoadGenerator.OpenLoopAsync(perSecond, held, sequence => client.SendAsync(phase, sequence));
        var sendingEnded = clock.Elapsed;
        var busy = cpu.Share();
        var drained = await WaitForBacklogAsync();
        var addresses = Enumerable.Range(1, (int)(accepts.Succeeded + accepts.Failed)).Select(i => client.AddressOf(phase, i)).ToList();
        var latencies = new Latencies();
        var missing = new List<string>();
        foreach (var address in addresses)
        {
            if (client.AcceptedAt(address) is not { } accepted)
            {
                continue;
            }
            if (sink.ArrivalOf(address) is { } arrived)
            {
                latencies.Add(Math.Max(0, (arrived - accepted).TotalMilliseconds));
            }
            else
            {
                missing.Add(address);
            }
        }
        var deliveredWithin = sendingEnded + (drained ?? drainDeadline);
        var sustained = accepts.Failed == 0 && missing.Count == 0 && drained is { } d && d <= KeptUpWithin;
        var missingStatus = new List<string>();
        foreach (var address in missing.Take(MissingExplained))
        {
            var status = await client.StatusOfAsync(address);
            missingStatus.Add(sink.ArrivalOf(address) is null ? status : $"{status} (it reached the sink after the drain deadline)");
        }
        return new RatePoint(replicas, perSecond, held, accepts, latencies.Count / deliveredWithin.TotalSeconds, latencies,
            drained ?? drainDeadline, missing.Count, sustained, busy, missingStatus);
    }

    /// <summary>One notification at a time on an idle platform: the latency nothing else adds to.</summary>
    public async Task<Latencies> OneAtATimeAsync(int count)
    {
        var phase = $"single-{Guid.NewGuid().ToString("N")[..4]}";
        var latencies = new Latencies();
        for (var i = 1; i <= count; i++)
        {
            var address = client.AddressOf(phase, i);
            if (await client.SendAsync(phase, i) && await WaitForBacklogAsync() is not null
                && sink.ArrivalOf(address) is { } arrived && client.AcceptedAt(address) is { } accepted)
            {
                latencies.Add((arrived - accepted).TotalMilliseconds);
            }
        }
        return latencies;
    }

    /// <summary>How long until every accepted notification arrived (null: not within the deadline).</summary>
    public async Task<TimeSpan?> WaitForBacklogAsync(TimeSpan? deadline = null)
    {
        var until = deadline ?? drainDeadline;
        var clock = Stopwatch.StartNew();
        // Only what the platform said it accepted counts: a request the client gave up on may still arrive, and must
        // not stand in for one that has not.
        var pending = client.AcceptedAddresses.Where(a => sink.ArrivalOf(a) is null).ToList();
        while (clock.Elapsed < until)
        {
            pending.RemoveAll(a => sink.ArrivalOf(a) is not null);
            if (pending.Count == 0)
            {
                return clock.Elapsed;
            }
            await Task.Delay(20);
        }
        return null;
    }
}
