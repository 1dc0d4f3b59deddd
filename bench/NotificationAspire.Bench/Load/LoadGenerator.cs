using System.Diagnostics;
using NotificationAspire.Bench.Measures;

namespace NotificationAspire.Bench.Load;

/// <summary>
/// The two ways load is applied. Closed loop: a fixed number of callers, each starting its next operation when
/// the last one ends (how fast can it go). Open loop: operations started on a fixed schedule whatever the answers
/// (what latency does a given rate get), so a slow platform cannot slow the load down and hide its latency.
/// </summary>
public static class LoadGenerator
{
    /// <summary>Most operations an open loop lets run at once; past it the platform is not keeping up anyway.</summary>
    private const int OpenLoopCap = 2048;

    /// <param name="operation">Gets the operation's sequence number; true when it succeeded.</param>
    public static async Task<LoadResult> ClosedLoopAsync(int concurrency, TimeSpan duration, Func<long, Task<bool>> operation)
    {
        var latencies = new Latencies();
        long next = 0, succeeded = 0, failed = 0;
        var cpu = CpuBusy.Start();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                var ok = await Run(operation, Interlocked.Increment(ref next));
                latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                Interlocked.Increment(ref ok ? ref succeeded : ref failed);
            }
        }));
        return new LoadResult(succeeded, failed, clock.Elapsed, latencies, cpu.Share());
    }

    public static async Task<LoadResult> OpenLoopAsync(double perSecond, TimeSpan duration, Func<long, Task<bool>> operation)
    {
        var latencies = new Latencies();
        long succeeded = 0, failed = 0;
        var running = new List<Task>();
        using var room = new SemaphoreSlim(OpenLoopCap);
        var cpu = CpuBusy.Start();
        var clock = Stopwatch.StartNew();
        var total = (long)(perSecond * duration.TotalSeconds);
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait);
            }
            await room.WaitAsync();
            var sequence = i + 1;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    // Latency from when the operation was due, not when it got going: a late start is the platform's delay too.
                    var ok = await Run(operation, sequence);
                    latencies.Add((clock.Elapsed - due).TotalMilliseconds);
                    Interlocked.Increment(ref ok ? ref succeeded : ref failed);
                }
                finally
                {
                    room.Release();
                }
            }));
        }
        await Task.WhenAll(running);
        return new LoadResult(succeeded, failed, clock.Elapsed, latencies, cpu.Share());
    }

    private static async Task<bool> Run(Func<long, Task<bool>> operation, long sequence)
    {
        try
        {
            return await operation(sequence);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }
}
