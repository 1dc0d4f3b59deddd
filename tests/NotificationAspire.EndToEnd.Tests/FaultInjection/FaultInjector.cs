using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Breaks the running platform the way production breaks: a process killed without warning (SIGKILL), a
/// service restarted, a dependency down for a while. It goes through the AppHost like an operator at the
/// dashboard would (the resources' own start/stop/restart commands) and through the OS for the kill itself;
/// every fault waits, with a deadline, until the resource is back to Running and Healthy.
/// </summary>
/// <remarks>
/// Resource instances are known by their resource id (a replica's id is the resource name plus a suffix,
/// e.g. <c>delivery-worker-abcd1234</c>); their latest snapshots come from
/// <see cref="ResourceNotificationService.WatchAsync"/>, which starts with the current state of each.
/// </remarks>
public sealed class FaultInjector : IAsyncDisposable
{
    public static readonly TimeSpan RecoveryDeadline = TimeSpan.FromMinutes(2);

    private readonly PlatformFixture _platform;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Task _watching;
    private Task _supervising = Task.CompletedTask;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, bool> _stopping = new(StringComparer.Ordinal);
    private readonly List<UnexpectedStop> _unexpectedStops = [];
    private readonly ConcurrentQueue<Kill> _kills = new();

    public FaultInjector(PlatformFixture platform, Action<string> log)
    {
        _platform = platform;
        _log = log;
        _watching = Task.Run(() => WatchAsync(_stopWatching.Token));
    }

    /// <summary>What one instance of a resource looks like right now, as far as faults care.</summary>
    /// <param name="HealthCheckedAt">When the oldest of its latest health check results was taken (a result from before a restart is stale).</param>
    public sealed record InstanceState(string ResourceId, string? State, HealthStatus? Health, int? ProcessId, DateTime? HealthCheckedAt, int? ExitCode)
    {
        public bool IsRunning => State == KnownResourceStates.Running;

        public bool HasStopped => State is not null && KnownResourceStates.TerminalStates.Contains(State);

        /// <summary>Running, and healthy by health checks run after <paramref name="since"/>.</summary>
        public bool IsHealthySince(DateTime since) => IsRunning && Health == HealthStatus.Healthy && HealthCheckedAt > since;
    }

    /// <summary>An instance that stopped without being told to: a crash, not a fault this class injected.</summary>
    public sealed record UnexpectedStop(string ResourceId, string? State, int? ExitCode, TimeSpan At);

    /// <summary>A SIGKILL this injector sent: which instance, and the wall-clock time (to compare with the sink's).</summary>
    public sealed record Kill(string ResourceId, DateTimeOffset At);

    public IReadOnlyList<Kill> Kills => [.. _kills];

    /// <summary>Instances that stopped on their own since this injector was created.</summary>
    public IReadOnlyList<UnexpectedStop> UnexpectedStops
    {
        get
        {
            lock (_unexpectedStops)
            {
                return [.. _unexpectedStops];
            }
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var update in _platform.App.ResourceNotifications.WatchAsync(ct))
            {
                var wasRunning = _latest.TryGetValue(update.ResourceId, out var previous)
                    && previous.Snapshot.State?.Text == KnownResourceStates.Running;
                _latest[update.ResourceId] = update;
                var now = StateOf(update.ResourceId);
                if (wasRunning && now.HasStopped && !_stopping.ContainsKey(update.ResourceId))
                {
                    var stop = new UnexpectedStop(update.ResourceId, now.State, now.ExitCode, _clock.Elapsed);
                    lock (_unexpectedStops)
                    {
                        _unexpectedStops.Add(stop);
                    }
                    _log($"UNEXPECTED: {update.ResourceId} stopped on its own ({now.State}, exit code {now.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
    }

    /// <summary>The instances (replicas) of a resource, by resource id, once the watcher has seen them all.</summary>
    public async Task<IReadOnlyList<string>> InstancesOfAsync(string resourceName, int expected = 1) =>
        (await Eventually.MatchAsync(
            () => Task.FromResult(_latest.Values.Where(e => e.Resource.Name == resourceName).Select(e => e.ResourceId).Order(StringComparer.Ordinal).ToList()),
            ids => ids.Count >= expected, TimeSpan.FromSeconds(30), $"{expected} instance(s) of {resourceName}"))
        .AsReadOnly();

    public InstanceState StateOf(string resourceId)
    {
        if (!_latest.TryGetValue(resourceId, out var update))
        {
            return new InstanceState(resourceId, null, null, null, null, null);
        }
        var snapshot = update.Snapshot;
        DateTime? checkedAt = snapshot.HealthReports.IsEmpty || snapshot.HealthReports.Any(r => r.LastRunAt is null)
            ? null
            : snapshot.HealthReports.Min(r => r.LastRunAt);
        return new InstanceState(resourceId, snapshot.State?.Text, snapshot.HealthStatus, ProcessIdOf(snapshot), checkedAt, snapshot.ExitCode);
    }

    /// <summary>The process id DCP reports for an executable or project: the snapshot property named <c>*.pid</c> (<c>executable.pid</c>).</summary>
    private static int? ProcessIdOf(CustomResourceSnapshot snapshot)
    {
        var property = snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith(".pid", StringComparison.Ordinal));
        return property?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };
    }

    /// <summary>A resource instance's state, properties and commands, for discovering keys and for failure messages.</summary>
    public string Describe(string resourceId)
    {
        if (!_latest.TryGetValue(resourceId, out var update))
        {
            return $"{resourceId}: no snapshot";
        }
        var snapshot = update.Snapshot;
        var properties = snapshot.Properties.Where(p => !p.IsSensitive && p.Name.Contains('.', StringComparison.Ordinal))
            .Select(p => $"{p.Name}={Shorten(p.Value)}");
        var commands = snapshot.Commands.Select(c => $"{c.Name}({c.State})");
        return $"{resourceId}: state={snapshot.State?.Text} health={snapshot.HealthStatus} properties=[{string.Join(", ", properties)}] commands=[{string.Join(", ", commands)}]";

        static string Shorten(object? value) => value?.ToString() is { Length: > 60 } text ? text[..60] + "…" : value?.ToString() ?? "null";
    }

    /// <summary>Every instance's state: what a developer would look up in the dashboard after a failed recovery.</summary>
    public string DescribeAll() => string.Join('\n', _latest.Keys.Order(StringComparer.Ordinal).Select(id => StateOf(id).ToString()));

    /// <summary>
    /// SIGKILLs one instance (the process DCP started and everything under it: <c>dotnet run</c> hosts the app in a
    /// child process), waits until the AppHost reports it stopped, then starts it again with the resource's start
    /// command and waits until it is healthy again. An instance that already stopped on its own is started first.
    /// </summary>
    public async Task KillAndStartAsync(string resourceId)
    {
        await EnsureRunningAsync(resourceId);
        var before = StateOf(resourceId);
        _stopping[resourceId] = true;
        try
        {
            using (var process = Process.GetProcessById(before.ProcessId ?? throw new InvalidOperationException($"No process id: {Describe(resourceId)}")))
            {
                _kills.Enqueue(new Kill(resourceId, DateTimeOffset.UtcNow));
                process.Kill(entireProcessTree: true);
            }
            var stopped = await WaitForAsync(resourceId, s => s.HasStopped, "stopped after SIGKILL");
            _log($"SIGKILLed {resourceId} (pid {before.ProcessId}); AppHost reports {stopped.State}");
            await StartInstanceAsync(resourceId);
        }
        finally
        {
            _stopping.TryRemove(resourceId, out _);
        }
    }

    /// <summary>
    /// Restarts a single-instance resource gracefully (its stop command, then its start command); waits until it is
    /// healthy again.
    /// </summary>
    public async Task RestartAsync(string resourceName)
    {
        var id = (await InstancesOfAsync(resourceName)).Single();
        await EnsureRunningAsync(id);
        var before = StateOf(id);
        var since = DateTime.UtcNow;
        _stopping[id] = true;
        try
        {
            await StopGracefullyAsync(id);
            await StartInstanceAsync(id);
            var after = StateOf(id);
            _log($"restarted {id} (pid {before.ProcessId} -> {after.ProcessId}) in {(DateTime.UtcNow - since).TotalSeconds:0.0}s");
        }
        finally
        {
            _stopping.TryRemove(id, out _);
        }
    }

    /// <summary>Stops a single-instance resource with its stop command and waits until it has stopped.</summary>
    public async Task StopAsync(string resourceName)
    {
        var id = (await InstancesOfAsync(resourceName)).Single();
        _stopping[id] = true;
        await StopGracefullyAsync(id);
    }

    /// <summary>
    /// Asks the instance to stop (SIGTERM: it finishes what it holds and exits) and waits until it has. The AppHost's
    /// stop command only waits about 15 s for that and then reports a failure, while the stop goes on; a service
    /// finishing its work under load on a busy machine may need longer (Kubernetes gives 30 s), so the wait here
    /// is the test's own, and a stop that never ends still fails it.
    /// </summary>
    private async Task StopGracefullyAsync(string resourceId)
    {
        var since = DateTime.UtcNow;
        var commands = _platform.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StopCommand);
        if (!result.Success)
        {
            _log($"the AppHost stopped waiting for {resourceId} to stop ({result.Message}); waiting on");
        }
        var stopped = await WaitForAsync(resourceId, s => s.HasStopped, "stopped");
        _log($"stopped {resourceId} ({stopped.State}) in {(DateTime.UtcNow - since).TotalSeconds:0.0}s");
    }

    /// <summary>Starts a stopped single-instance resource with its start command and waits until it is healthy.</summary>
    public async Task StartAsync(string resourceName)
    {
        var id = (await InstancesOfAsync(resourceName)).Single();
        try
        {
            await StartInstanceAsync(id);
        }
        finally
        {
            _stopping.TryRemove(id, out _);
        }
    }

    /// <summary>Starts every instance of the resource that has stopped (on its own), and waits until all are healthy.</summary>
    public async Task EnsureAllRunningAsync(string resourceName)
    {
        foreach (var id in await InstancesOfAsync(resourceName))
        {
            await EnsureRunningAsync(id);
        }
    }

    private async Task EnsureRunningAsync(string resourceId)
    {
        var state = await WaitForAsync(resourceId, s => s.HasStopped || (s.IsRunning && s.Health == HealthStatus.Healthy), "running, or stopped");
        if (state.HasStopped)
        {
            _log($"{resourceId} was {state.State} (exit code {state.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}); starting it");
            await StartInstanceAsync(resourceId);
        }
    }

    private async Task StartInstanceAsync(string resourceId)
    {
        var since = DateTime.UtcNow;
        await ExecuteAsync(resourceId, KnownResourceCommands.StartCommand);
        var started = await WaitForAsync(resourceId, s => s.IsHealthySince(since), "healthy after start");
        _log($"started {resourceId} (pid {started.ProcessId}) in {(DateTime.UtcNow - since).TotalSeconds:0.0}s");
    }

    /// <summary>
    /// Does what an orchestrator would: every couple of seconds, starts any instance of these resources that
    /// stopped on its own (see <see cref="UnexpectedStops"/>), until this injector is disposed. Faults in
    /// progress are left alone.
    /// </summary>
    public void Supervise(IReadOnlyCollection<string> resourceNames) =>
        _supervising = Task.Run(() => SuperviseAsync(resourceNames, _stopWatching.Token));

    private async Task SuperviseAsync(IReadOnlyCollection<string> resourceNames, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var crashed = _latest.Values.Where(e => resourceNames.Contains(e.Resource.Name) && !_stopping.ContainsKey(e.ResourceId))
                    .Select(e => StateOf(e.ResourceId)).Where(s => s.HasStopped).ToList();
                foreach (var instance in crashed)
                {
                    _log($"supervisor: starting {instance.ResourceId} ({instance.State})");
                    _stopping[instance.ResourceId] = true;
                    try
                    {
                        await StartInstanceAsync(instance.ResourceId);
                    }
                    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
                    {
                        _log($"supervisor: could not start {instance.ResourceId}: {ex.Message}");
                    }
                    finally
                    {
                        _stopping.TryRemove(instance.ResourceId, out _);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the test is done
        }
    }

    private async Task ExecuteAsync(string resourceId, string command)
    {
        var commands = _platform.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resourceId, command);
        if (!result.Success)
        {
            var lastLines = _platform.Logs?.Tail(resourceId) ?? [];
            throw new InvalidOperationException(
                $"Command {command} on {resourceId} failed: {result.Message}\n{Describe(resourceId)}\nIts last lines:\n{string.Join('\n', lastLines)}");
        }
    }

    private async Task<InstanceState> WaitForAsync(string resourceId, Func<InstanceState, bool> done, string what)
    {
        try
        {
            return await Eventually.MatchAsync(() => Task.FromResult(StateOf(resourceId)), done, RecoveryDeadline, $"{resourceId} {what}");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Describe(resourceId)}\nAll resources:\n{DescribeAll()}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await _watching;
        await _supervising;
        _stopWatching.Dispose();
    }
}
