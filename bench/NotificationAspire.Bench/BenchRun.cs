using NotificationAspire.Bench.Load;
using NotificationAspire.Bench.Measures;
using NotificationAspire.Bench.Platform;

namespace NotificationAspire.Bench;

/// <summary>The platform started with a number of delivery workers, and the measures taken on it, each printed as it ends.</summary>
public sealed class BenchRun : IAsyncDisposable
{
    private readonly BenchOptions _options;
    private readonly BenchResults _results;
    private readonly CountingSmtpSink _sink;
    private readonly BenchPlatform _platform;
    private readonly PlatformClient _client;
    private readonly EndToEnd _endToEnd;
    private readonly IReadOnlyDictionary<string, ProcessFigures> _warm;
    private readonly MemoryTrend _memory;
    private readonly int _acceptedWhenWarm;

    private BenchRun(BenchOptions options, BenchResults results, CountingSmtpSink sink, BenchPlatform platform, PlatformClient client,
        IReadOnlyDictionary<string, ProcessFigures> warm)
    {
        (_options, _results, _sink, _platform, _client, _warm) = (options, results, sink, platform, client, warm);
        _acceptedWhenWarm = client.Accepted;
        _endToEnd = new EndToEnd(client, sink, platform.WorkerReplicas, options.DrainDeadline);
        _memory = MemoryTrend.Start(() => client.Accepted);
    }

    public static async Task<BenchRun> StartAsync(BenchOptions options, BenchResults results, int replicas)
    {
        var sink = CountingSmtpSink.Start();
        var platform = new BenchPlatform(replicas, sink.Port);
        Console.WriteLine($"bench: starting the platform with {replicas} delivery worker(s)");
        await platform.InitializeAsync();
        var client = await PlatformClient.ConnectAsync(platform);
        // Warm: every path taken (connection pools, tokens) and, in full and steady, long enough for the JIT to finish
        // (BenchOptions.JitSettles), so the first phase measures the platform, not its start.
        var warmUp = new EndToEnd(client, sink, replicas, options.DrainDeadline);
        await LoadGenerator.OpenLoopAsync(BenchOptions.WarmUpRate, options.WarmUp, sequence => client.SendAsync("warm-up", sequence));
        await warmUp.WaitForBacklogAsync();
        return new BenchRun(options, results, sink, platform, client, ProcessProbe.Sample());
    }

    public async Task MeasureCeilingsAsync()
    {
        var ceilings = new Ceilings(_platform, _client, _sink, _options.Concurrency, _options.CeilingPhase);
        _results.GatewayCeiling = Print("ceiling: gateway, no I/O", await ceilings.GatewayWithoutIoAsync());
        _results.PostgresCeiling = Print("ceiling: postgres single-row commits", await ceilings.PostgresCommitsAsync());
        _results.SinkCeiling = Print("ceiling: counting SMTP sink (MailKit)", await ceilings.SinkAcceptsAsync());
        _results.Smtp4devCeiling = Print("for the record: smtp4dev (MailKit)", await ceilings.Smtp4devAcceptsAsync());
        await _endToEnd.WaitForBacklogAsync();
    }

    public async Task MeasureAcceptingAsync()
    {
        var closed = Print("accept: closed loop", await LoadGenerator.ClosedLoopAsync(_options.Concurrency, _options.AcceptPhase,
            sequence => _client.SendAsync("accept", sequence)));
        _results.AcceptClosedLoop = closed;
        await _endToEnd.WaitForBacklogAsync();
        var half = Math.Max(1, closed.PerSecond / 2);
        _results.AcceptAtHalfRate = Print($"accept: open loop at {half:0}/s", await LoadGenerator.OpenLoopAsync(half, _options.AcceptPhase,
            sequence => _client.SendAsync("accept-half", sequence)));
        await _endToEnd.WaitForBacklogAsync();
    }

    public async Task MeasureIdleLatencyAsync()
    {
        _results.IdleSingle = await _endToEnd.OneAtATimeAsync(_options.Quick ? 5 : 20);
        Console.WriteLine($"bench: one at a time, idle: p50 {_results.IdleSingle.P50:0} ms, p99 {_results.IdleSingle.P99:0} ms");
    }

    public async Task MeasureRatesAsync()
    {
        foreach (var rate in _options.Rates)
        {
            Add(await _endToEnd.AtRateAsync(rate, _options.RatePhase));
        }
    }

    /// <summary>The highest rate held for a whole sustain phase without a growing backlog: bisected between the last rate kept up with and the first that was not.</summary>
    public async Task MeasureSustainedAsync()
    {
        var mine = _results.Rates.Where(r => r.Replicas == _platform.WorkerReplicas).ToList();
        var low = mine.Where(r => r.Sustained).Select(r => r.Offered).DefaultIfEmpty(0).Max();
        var high = mine.Where(r => !r.Sustained).Select(r => r.Offered).DefaultIfEmpty(low * 2).Min();
        for (var step = 0; step < _options.SustainSteps; step++)
        {
            var probe = Math.Round((low + high) / 2 / 10) * 10;
            var point = Add(await _endToEnd.AtRateAsync(probe, _options.SustainPhase));
            (low, high) = point.Sustained ? (probe, high) : (low, probe);
        }
    }

    /// <summary>
    /// One rate held on a warm platform, with each process's id first (for `dotnet-trace collect -p`), then what the
    /// rate delivered and each process's processor time per notification and resident memory (before and after, and lowest early and late: <see cref="MemoryTrend"/>).
    /// </summary>
    public async Task HoldSteadyAsync()
    {
        foreach (var (name, pid) in ProcessProbe.Ids())
        {
            Console.WriteLine($"bench: steady: {name} is process {pid}");
        }
        Console.WriteLine($"bench: steady: holding {_options.SteadyRate:0}/s for {_options.RatePhase.TotalSeconds:0} s");
        var before = ProcessProbe.Sample();
        var accepted = _client.Accepted;
        Add(await _endToEnd.AtRateAsync(_options.SteadyRate, _options.RatePhase));
        var after = ProcessProbe.Sample();
        var notifications = Math.Max(1, _client.Accepted - accepted);
        var settled = _memory.Growth();
        foreach (var (name, figures) in after.Where(p => before.ContainsKey(p.Key)))
        {
            var lows = settled.GetValueOrDefault(name);
            Console.WriteLine($"bench: steady: {name}: {(figures.CpuSeconds - before[name].CpuSeconds) * 1000 / notifications:0.00} CPU ms per notification; " +
                $"PSS {before[name].ResidentMiB:0} -> {figures.ResidentMiB:0} MiB, lowest {lows?.FirstLowMiB:0} early -> {lows?.LastLowMiB:0} late ({lows?.PerTenThousand:+0.0;-0.0} per 10,000)");
        }
    }

    public void RecordProcesses()
    {
        _results.Processes[_platform.WorkerReplicas] = new ProcessMeasures(_warm, ProcessProbe.Sample(), _client.Accepted - _acceptedWhenWarm, _memory.Growth());
        _results.ExtraCopies[_platform.WorkerReplicas] = _sink.Duplicates;
        Console.WriteLine($"bench: {_client.Accepted} notifications accepted with {_platform.WorkerReplicas} worker(s); copies beyond the first at the sink: {_sink.Duplicates}; refused: {_client.Refusals}");
    }

    /// <summary>One send to a topic of generated subscribers, after the other measures (its backlog would be theirs).</summary>
    public async Task MeasureFanOutAsync()
    {
        _results.FanOut = await new TopicFanOut(_platform, _client, _sink).MeasureAsync(_options.FanOutSubscribers, _options.FanOutDeadline, _options.FanOutWatch);
    }

    private RatePoint Add(RatePoint point)
    {
        _results.Rates.Add(point);
        Console.WriteLine($"bench: {point.Replicas} worker(s) at {point.Offered:0}/s for {point.Held.TotalSeconds:0} s: delivered {point.Delivered:0}/s, " +
            $"p50 {point.Latencies.P50:0} ms, p95 {point.Latencies.P95:0} ms, p99 {point.Latencies.P99:0} ms, drained in {point.Drained.TotalSeconds:0.0} s, " +
            $"missing {point.Missing}, accept failures {point.Accepts.Failed}, CPU {point.CpuBusy:P0}: {(point.Sustained ? "kept up" : "fell behind")}");
        foreach (var status in point.MissingStatus)
        {
            Console.WriteLine($"bench:   missing at the sink, the platform says {status}");
        }
        return point;
    }

    private static LoadResult Print(string what, LoadResult result)
    {
        Console.WriteLine($"bench: {what}: {result.PerSecond:0}/s, p50 {result.Latencies.P50:0.0} ms, p99 {result.Latencies.P99:0.0} ms, failed {result.Failed}, CPU {result.CpuBusy:P0}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _memory.DisposeAsync();
        _client.Dispose();
        await _platform.DisposeAsync();
        await _sink.DisposeAsync();
    }
}
