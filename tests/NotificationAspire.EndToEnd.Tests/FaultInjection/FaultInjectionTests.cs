using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Sends a batch of notifications while the platform is being broken (a delivery-worker replica SIGKILLed
/// three times, notifications-api restarted, the SMTP sink down for a while, the broker restarted with all
/// its records lost), then checks that nothing accepted was lost and nobody got an email twice: every
/// notification ends Delivered (after operators replay the dead letters) and each address holds exactly one
/// message. Set FAULT_SUITE_NOTIFICATIONS to change the batch size (default 1500).
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class FaultInjectionTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    private const int DefaultNotifications = 1500;
    private const int InFlight = 16;
    private const string Delivered = "Delivered";
    private const string Failed = "Failed";

    /// <summary>Sends are spread over this window, so that every fault below happens while sending.</summary>
    private static readonly TimeSpan SendWindow = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan MailOutage = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How close to a replica's SIGKILL the sink's first copy of a message must be for a second copy to be the
    /// one duplicate SMTP cannot rule out (see <see cref="CountDuplicatesAsync"/>). Loose on purpose: the sink
    /// dates a message when it has processed it, which lags behind its 250 on a loaded machine.
    /// </summary>
    private static readonly TimeSpan KillProximity = TimeSpan.FromSeconds(10);

    /// <summary>How long before its stop a message smtp4dev acknowledged may still be unwritten.</summary>
    private static readonly TimeSpan SinkWriteDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FinalDeadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan DeadLetterDeadline = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReplayDeadline = TimeSpan.FromMinutes(3);

    private static readonly string[] FinalStatuses = [Delivered, "PartiallyDelivered", Failed, "Cancelled"];

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>When the sink was being stopped: smtp4dev answers 250 before it writes a message down, so one it
    /// acknowledged in that instant can vanish with it. The platform holds the 250; the suite reports those apart.</summary>
    private (DateTimeOffset From, DateTimeOffset To)? _mailStopping;

    [Fact]
    public async Task Every_accepted_notification_is_delivered_exactly_once_through_crashes_restarts_and_outages()
    {
        var count = NotificationCount();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var faults = new FaultInjector(platform, Log);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var admin = new ResilientCaller(platform, p => p.GetUserTokenAsync("operator"));
        var mail = new MailSink(platform);
        var ledger = new SinkLedger(mail);

        var replicas = await faults.InstancesOfAsync(ResourceNames.DeliveryWorker, expected: 2);
        foreach (var name in new[] { ResourceNames.NotificationsApi, ResourceNames.Mail, ResourceNames.Kafka })
        {
            Log(faults.Describe((await faults.InstancesOfAsync(name)).Single()));
        }
        foreach (var replica in replicas)
        {
            Log(faults.Describe(replica));
        }
        Log($"run {run}: {count} notifications over {SendWindow.TotalSeconds:0}s, {InFlight} in flight; worker replicas {string.Join(", ", replicas)}");

        // Crashed services are started again, as an orchestrator would (and counted: a crash is a finding).
        faults.Supervise([ResourceNames.DeliveryWorker, ResourceNames.NotificationsApi, ResourceNames.Gateway, ResourceNames.Kafka, ResourceNames.Mail]);

        // 1. Send while breaking things.
        var ids = new Guid?[count];
        var sendStarted = _clock.Elapsed;
        var sending = SendAllAsync(sender, run, ids);
        var injecting = InjectFaultsAsync(faults, replicas, sendStarted);
        await Task.WhenAll(sending, injecting);
        var sendTime = _clock.Elapsed - sendStarted;
        var accepted = ids.Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        Log($"sent: accepted={accepted.Count} post-retries={sender.Retries} in {sendTime.TotalSeconds:0.0}s");

        // 2. Every accepted notification reaches a final state.
        var settleStarted = _clock.Elapsed;
        var statuses = await PollUntilAsync(sender, accepted, FinalStatuses.Contains, FinalDeadline, "a final state");
        var settleTime = _clock.Elapsed - settleStarted;
        var deliveredFirstTime = statuses.Count(s => s.Value == Delivered);
        var failed = statuses.Where(s => s.Value == Failed).Select(s => s.Key).ToList();
        var final = statuses.Count(s => FinalStatuses.Contains(s.Value));

        // 3. Every failed notification was dead-lettered, with a reason.
        var letters = await DeadLettersOfAsync(admin, failed);
        var failedWithoutDeadLetter = failed.Where(id => !letters.TryGetValue(id, out var reasons) || !reasons.Any(r => !string.IsNullOrWhiteSpace(r))).ToList();

        // 4. The operators replay them, and they are delivered too.
        var replayStarted = _clock.Elapsed;
        var (replayStatus, replayBody) = await admin.CallAsync(HttpMethod.Post, "/api/dead-letters/replay");
        Assert.Equal(HttpStatusCode.OK, replayStatus);
        var replayed = replayBody.GetProperty("replayed").GetInt32();
        Log($"replay answered {replayed} replayed for {failed.Count} failed notification(s)");
        foreach (var (id, status) in await PollUntilAsync(sender, failed, s => s == Delivered, ReplayDeadline, "Delivered after the replay"))
        {
            statuses[id] = status;
        }
        var replayTime = _clock.Elapsed - replayStarted;

        // 5. At the sink: one message per address, across the sink's restart.
        var heldAtEnd = await ledger.RecordAsync("at the end");
        var byRecipient = ledger.CountByRecipient();
        var received = Enumerable.Range(0, count).Select(i => byRecipient.GetValueOrDefault(Address(run, i))).ToList();
        var missingIndexes = Enumerable.Range(0, count).Where(i => received[i] == 0).ToList();
        var sinkDropped = 0;
        foreach (var i in missingIndexes)
        {
            var (_, notification) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{ids[i]}");
            var accepted250 = notification.GetProperty("attempts").EnumerateArray()
                .Where(a => a.GetProperty("state").GetString() == Delivered)
                .Select(a => a.GetProperty("occurredAt").GetDateTimeOffset()).FirstOrDefault();
            var droppedBySink = _mailStopping is var (from, to) && accepted250 >= from - SinkWriteDelay && accepted250 <= to;
            sinkDropped += droppedBySink ? 1 : 0;
            Log($"missing: {Address(run, i)} delivered (SMTP 250) at {accepted250:HH:mm:ss.fff}; mail stopping {_mailStopping}; " +
                (droppedBySink ? "acknowledged by the sink as it stopped" : "NOT explained by the sink's stop"));
        }
        var missing = missingIndexes.Count - sinkDropped;
        var delivered = statuses.Count(s => s.Value == Delivered);
        var lost = count - delivered;
        Log($"sink: held {heldAtEnd} at the end, {ledger.Count} recorded in all; this run's messages={received.Sum()}");
        var (duplicated, resentAfterKill) = await CountDuplicatesAsync(mail, ledger, faults.Kills, run, ids, received, sender);
        var crashes = faults.UnexpectedStops;
        foreach (var crash in crashes)
        {
            Log($"crashed on its own: {crash}");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"fault-injection: accepted={accepted.Count} final={final} delivered={delivered} delivered-first-time={deliveredFirstTime} " +
            $"dead-lettered={failed.Count - failedWithoutDeadLetter.Count} replayed={replayed} lost={lost} duplicated={duplicated} resent-after-kill={resentAfterKill} missing={missing} sink-dropped={sinkDropped} " +
            $"failed-without-dead-letter={failedWithoutDeadLetter.Count} crashed={crashes.Count} post-retries={sender.Retries} " +
            $"send={sendTime.TotalSeconds:0.0}s settle={settleTime.TotalSeconds:0.0}s replay={replayTime.TotalSeconds:0.0}s total={_clock.Elapsed.TotalSeconds:0.0}s");
        output.WriteLine(summary);
        // Test output is hidden for passing tests; the file is what CI prints.
        await File.WriteAllTextAsync(RepositoryPaths.Artifact("fault-injection.txt"), summary + Environment.NewLine);

        Assert.Equal(count, accepted.Count);
        Assert.Equal(count, final);
        Assert.Empty(failedWithoutDeadLetter);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, missing);
        Assert.Empty(crashes);
    }

    /// <summary>
    /// Addresses that received more than one message, split into duplicates and copies re-sent after an
    /// interrupted send (<see cref="InterruptedSends"/>). Both kinds are logged with the workers' log lines for
    /// the notification.
    /// </summary>
    private async Task<(int Duplicated, int ResentAfterKill)> CountDuplicatesAsync(MailSink mail, SinkLedger ledger, IReadOnlyList<FaultInjector.Kill> kills,
        string run, Guid?[] ids, IReadOnlyList<int> received, ResilientCaller sender)
    {
        var duplicated = 0;
        var resentAfterKill = 0;
        foreach (var i in Enumerable.Range(0, received.Count).Where(i => received[i] > 1))
        {
            var verdict = await InterruptedSends.JudgeAsync(mail, sender, ledger.MessagesTo(Address(run, i)), ids[i], kills, KillProximity);
            if (verdict.Explained)
            {
                resentAfterKill++;
            }
            else
            {
                duplicated++;
            }

            if (duplicated + resentAfterKill > 5)
            {
                continue; // counted; five described are enough to go on
            }
            Log($"{(verdict.Explained ? "re-sent after an interrupted send" : "DUPLICATED")}: {Address(run, i)} {verdict.Evidence}");
            foreach (var line in platform.WorkerLinesAbout(ids[i]))
            {
                Log($"  {line}");
            }
        }
        return (duplicated, resentAfterKill);
    }

    private static int NotificationCount() =>
        int.TryParse(Environment.GetEnvironmentVariable("FAULT_SUITE_NOTIFICATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultNotifications;

    private static string Address(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"{run}-{i}@example.com");

    /// <summary>Paced over <see cref="SendWindow"/> with at most <see cref="InFlight"/> requests at a time; each retried until answered.</summary>
    private async Task SendAllAsync(ResilientCaller sender, string run, Guid?[] ids)
    {
        var started = DateTime.UtcNow;
        var spacing = SendWindow / ids.Length;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
        {
            var due = started + (spacing * i) - DateTime.UtcNow;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due); // pacing, not waiting for an outcome
            }
            var body = PlatformApi.EmailTo(Address(run, i), $"Fault suite {run} #{i}", $"Notification {i} of run {run}.", userId: $"user-{i}");
            ids[i] = await sender.SendNotificationAsync(body, idempotencyKey: $"fault-{run}-{i}");
            if (Interlocked.Increment(ref done) % 250 == 0)
            {
                Log($"accepted {done}/{ids.Length}");
            }
        });
    }

    /// <summary>The faults, one after another at fixed points of the send window.</summary>
    private async Task InjectFaultsAsync(FaultInjector faults, IReadOnlyList<string> replicas, TimeSpan sendStarted)
    {
        var schedule = new FaultSchedule(_clock, sendStarted, Log);
        await schedule.At(5, $"SIGKILL {replicas[0]}", () => faults.KillAndStartAsync(replicas[0]));
        await schedule.At(15, $"restart {ResourceNames.NotificationsApi}", () => faults.RestartAsync(ResourceNames.NotificationsApi));
        await schedule.At(25, $"{ResourceNames.Mail} down for {MailOutage.TotalSeconds:0}s", async () =>
        {
            // The sink keeps its messages in a database file, so what arrived before the outage is still there after it.
            var from = DateTimeOffset.UtcNow;
            await faults.StopAsync(ResourceNames.Mail);
            _mailStopping = (from, DateTimeOffset.UtcNow);
            await Task.Delay(MailOutage); // the outage itself
            await faults.StartAsync(ResourceNames.Mail);
        });
        await schedule.At(50, $"SIGKILL {replicas[1 % replicas.Count]}", () => faults.KillAndStartAsync(replicas[1 % replicas.Count]));
        await schedule.At(55, $"restart {ResourceNames.Kafka} (all records and offsets lost)", () => faults.RestartAsync(ResourceNames.Kafka));
        await schedule.At(65, $"SIGKILL {replicas[0]}", () => faults.KillAndStartAsync(replicas[0]));
    }

    private sealed record Progress(int Pending, string Statuses);

    /// <summary>
    /// Reads each notification's status (in parallel, bounded) until <paramref name="done"/> holds for all of them,
    /// re-reading only those not done yet. On the deadline it logs the stragglers and returns what it saw.
    /// </summary>
    private async Task<Dictionary<Guid, string>> PollUntilAsync(ResilientCaller caller, IReadOnlyCollection<Guid> ids, Func<string, bool> done,
        TimeSpan deadline, string what)
    {
        var statuses = new ConcurrentDictionary<Guid, string>();
        var pending = ids.ToList();
        var lastLogged = TimeSpan.Zero;
        try
        {
            await Eventually.MatchAsync(async () =>
            {
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = InFlight },
                    async (id, _) => statuses[id] = await caller.StatusOfAsync(id));
                pending = pending.Where(id => !done(statuses[id])).ToList();
                var progress = new Progress(pending.Count, Describe(statuses));
                if (pending.Count == 0 || _clock.Elapsed - lastLogged > TimeSpan.FromSeconds(10))
                {
                    lastLogged = _clock.Elapsed;
                    Log($"waiting for {what}: {progress}");
                }
                return progress;
            }, p => p.Pending == 0, deadline, $"{ids.Count} notification(s) to reach {what}");
        }
        catch (TimeoutException ex)
        {
            Log(ex.Message);
            foreach (var id in pending.Take(5))
            {
                var (_, body) = await caller.CallAsync(HttpMethod.Get, $"/api/notifications/{id}");
                Log($"still {statuses[id]}: {body.GetRawText()}");
            }
        }
        return statuses.ToDictionary();
    }

    private static string Describe(IReadOnlyDictionary<Guid, string> statuses) =>
        string.Join(' ', statuses.Values.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));

    /// <summary>The reasons of each failed notification's dead letters, once every one has at least one (or the deadline passed).</summary>
    private async Task<IReadOnlyDictionary<Guid, List<string>>> DeadLettersOfAsync(ResilientCaller admin, IReadOnlyList<Guid> failed)
    {
        var letters = new ConcurrentDictionary<Guid, List<string>>();
        var pending = failed.ToList();
        try
        {
            await Eventually.MatchAsync(async () =>
            {
                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (id, _) =>
                {
                    var (status, body) = await admin.CallAsync(HttpMethod.Get, $"/api/dead-letters?notificationId={id}");
                    Assert.Equal(HttpStatusCode.OK, status);
                    letters[id] = body.EnumerateArray().Select(l => l.GetProperty("reason").GetString() ?? string.Empty).ToList();
                });
                pending = pending.Where(id => letters[id].Count == 0).ToList();
                return pending.Count;
            }, left => left == 0, DeadLetterDeadline, $"a dead letter for each of {failed.Count} failed notification(s)");
        }
        catch (TimeoutException ex)
        {
            Log(ex.Message);
        }
        foreach (var (id, reasons) in letters.Take(3))
        {
            Log($"dead letter of {id}: {string.Join(" | ", reasons)}");
        }
        return letters;
    }

    private void Log(string message) => output.WriteLine($"[{_clock.Elapsed:mm\\:ss\\.f}] {message}");
}
