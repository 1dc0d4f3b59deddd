using System.Globalization;
using System.Text.RegularExpressions;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Workers handle many records at once and commit offsets only up to the lowest one not finished. This kills every
/// worker replica at a moment one of them reported many records in flight (its `kafka_consumer_in_flight` gauge),
/// and checks that every notification is still delivered, and each address got one message (or the copy an
/// interrupted send explains, <see cref="InterruptedSends"/>): a commit that ran ahead of an unfinished record
/// would lose it, and one that lagged behind a finished record would repeat it.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed partial class InFlightKillTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    private const int Notifications = 600;
    private const int Senders = 32;

    /// <summary>Enough records in one consumer at once that a kill interrupts many (a consumer takes up to 8 by default).</summary>
    private const int ManyInFlight = 6;

    private static readonly TimeSpan KillProximity = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Killing_the_workers_with_many_records_in_flight_loses_nothing_and_repeats_nothing()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var mail = new MailSink(platform);
        var replicas = await faults.InstancesOfAsync(ResourceNames.DeliveryWorker, expected: 2);
        var run = Guid.NewGuid().ToString("N")[..8];

        using var stopWatching = new CancellationTokenSource();
        var killing = KillWhenManyInFlightAsync(faults, replicas, stopWatching.Token);
        var ids = new Guid[Notifications];
        await Parallel.ForEachAsync(Enumerable.Range(0, Notifications), new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (i, _) =>
            ids[i] = await sender.SendNotificationAsync(PlatformApi.EmailTo(Address(run, i), $"In flight {run} #{i}", userId: $"in-flight-{i}"),
                idempotencyKey: $"in-flight-{run}-{i}"));
        var seenInFlight = await killing.WaitAsync(Deadline);
        output.WriteLine($"killed {string.Join(", ", replicas)} when a worker reported {seenInFlight} records in flight");
        Assert.True(seenInFlight >= ManyInFlight, $"no worker had {ManyInFlight} records in flight while {Notifications} were sent");

        var pending = ids.ToList();
        await Eventually.MatchAsync(async () =>
        {
            var statuses = await Task.WhenAll(pending.Select(async id => (Id: id, Status: await sender.StatusOfAsync(id))));
            pending = statuses.Where(s => s.Status != "Delivered").Select(s => s.Id).ToList();
            return pending.Count;
        }, left => left == 0, Deadline, $"all {Notifications} notifications Delivered after the kill");

        var ledger = new SinkLedger(mail);
        await ledger.RecordAsync("at the end");
        var received = ledger.CountByRecipient();
        Assert.All(Enumerable.Range(0, Notifications), i => Assert.True(received.GetValueOrDefault(Address(run, i)) >= 1, $"{Address(run, i)} got nothing"));
        var duplicated = 0;
        foreach (var i in Enumerable.Range(0, Notifications).Where(i => received[Address(run, i)] > 1))
        {
            var verdict = await InterruptedSends.JudgeAsync(mail, sender, ledger.MessagesTo(Address(run, i)), ids[i], faults.Kills, KillProximity);
            output.WriteLine($"{Address(run, i)} got {received[Address(run, i)]} copies: {(verdict.Explained ? "re-sent after an interrupted send" : "DUPLICATED")}; {verdict.Evidence}");
            foreach (var line in platform.WorkerLinesAbout(ids[i]))
            {
                output.WriteLine($"  {line}");
            }
            duplicated += verdict.Explained ? 0 : 1;
        }
        Assert.Equal(0, duplicated);
    }

    /// <summary>
    /// Reads the workers' metrics (the management endpoint reaches one replica or the other) until one reports many
    /// records in flight for first attempts, then SIGKILLs every replica at once; returns the count it saw.
    /// </summary>
    private async Task<int> KillWhenManyInFlightAsync(FaultInjector faults, IReadOnlyList<string> replicas, CancellationToken ct)
    {
        using var metrics = platform.CreateHttpClient(ResourceNames.DeliveryWorker, ManagementEndpoint.Name);
        var most = 0;
        await Eventually.MatchAsync(async () =>
        {
            var text = await metrics.GetStringAsync(HealthEndpoints.Metrics, ct);
            most = Math.Max(most, DispatchInFlight(text));
            return most;
        }, seen => seen >= ManyInFlight, Deadline, $"a worker with {ManyInFlight} records in flight");
        await Task.WhenAll(replicas.Select(faults.KillAndStartAsync));
        return most;
    }

    private static int DispatchInFlight(string prometheusText) => InFlightLine().Matches(prometheusText)
        .Select(m => int.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    [GeneratedRegex("""^kafka_consumer_in_flight\{[^}]*group="delivery-worker-dispatch"[^}]*\} (?<value>\d+)""", RegexOptions.Multiline)]
    private static partial Regex InFlightLine();

    private static string Address(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"in-flight-{run}-{i}@example.com");
}
