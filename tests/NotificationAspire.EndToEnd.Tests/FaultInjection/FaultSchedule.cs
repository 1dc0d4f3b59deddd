using System.Diagnostics;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>Faults at fixed points after a start (the send window's), one after another, each logged with how long it took.</summary>
public sealed class FaultSchedule(Stopwatch clock, TimeSpan start, Action<string> log)
{
    public async Task At(double seconds, string fault, Func<Task> inject)
    {
        var due = start + TimeSpan.FromSeconds(seconds) - clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due); // the schedule, not an assertion
        }
        var began = clock.Elapsed;
        log($"fault: {fault}");
        await inject();
        log($"fault: {fault} done in {(clock.Elapsed - began).TotalSeconds:0.0}s");
    }
}
