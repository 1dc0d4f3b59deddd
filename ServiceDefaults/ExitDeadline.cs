namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Makes a service that has stopped also exit. Once the host has stopped, every consumer has finished its
/// records and committed, the relay and the producer are flushed and the server has answered its last request:
/// only disposal and the runtime's exit remain. Under load, one of those has been seen to hang for minutes after a
/// SIGTERM (the process alive, every hosted service stopped), and the AppHost then gives up stopping it while
/// Kubernetes would SIGKILL it only after its grace period. So a few seconds after the host stopped, the process
/// says which threads are still there and exits; if even that cannot finish, it ends itself at once.
/// </summary>
internal sealed class ExitDeadline(IHostApplicationLifetime lifetime) : IHostedService
{
    /// <summary>How long disposal may take after the host stopped: well inside the AppHost's stop wait (~12 s) and Kubernetes' 30 s.</summary>
    public static readonly TimeSpan AfterStopped = TimeSpan.FromSeconds(5);

    /// <summary>How long an orderly exit (process-exit handlers) may take before the process ends itself.</summary>
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(() =>
        {
            // A background thread of its own: the one that hangs may be the pool's, and it must not keep the process alive.
            var watchdog = new Thread(Watch) { IsBackground = true, Name = "exit-deadline" };
            watchdog.Start();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Watch()
    {
        Thread.Sleep(AfterStopped);
        // Straight to standard error, not through the logger: by now the logger factory may be disposed, and this line
        // is what tells the cause.
        Console.Error.WriteLine($"Still running {AfterStopped.TotalSeconds:0} s after the host stopped; exiting now. Threads left: {ThreadNames()}");
        var exit = new Thread(() => Environment.Exit(Environment.ExitCode)) { IsBackground = true, Name = "exit-deadline-exit" };
        exit.Start();
        if (!exit.Join(ExitPatience))
        {
            Environment.FailFast($"Did not exit within {AfterStopped + ExitPatience} after the host stopped.");
        }
    }

    /// <summary>The names of the process's threads (Linux), grouped: enough to tell a native library's threads from .NET's.</summary>
    private static string ThreadNames()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return "(not on Linux)";
        }
        var names = Directory.EnumerateDirectories(tasks)
            .Select(task => { try { return File.ReadAllText(Path.Combine(task, "comm")).Trim(); } catch (IOException) { return "?"; } })
            .GroupBy(name => name, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.Count() == 1 ? group.Key : $"{group.Key} x{group.Count()}");
        return string.Join(", ", names);
    }
}
