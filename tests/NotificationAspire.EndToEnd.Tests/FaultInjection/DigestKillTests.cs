using System.Globalization;
using Npgsql;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Exactly one digest per person, key and window, even when every worker replica is SIGKILLed right at the windows'
/// end: some windows released and being sent, some claimed mid-release, some not yet due. Each person still gets one
/// digest listing all their items (or the copy an interrupted send explains, <see cref="InterruptedSends"/>), never two
/// digests (novuhq/novu#1633).
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class DigestKillTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    private const int People = 20;
    private const int Items = 3;
    private const int WindowSeconds = 10;
    private static readonly TimeSpan KillProximity = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Workers_killed_at_the_end_of_the_window_still_send_exactly_one_digest_per_person()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var mail = new MailSink(platform);
        var replicas = await faults.InstancesOfAsync(ResourceNames.DeliveryWorker, expected: 2);
        var run = Guid.NewGuid().ToString("N")[..8];
        var digestKey = $"thread:{run}";

        // Every person's items sent at once, so their windows end within moments of each other.
        var ids = new Guid[People, Items];
        await Parallel.ForEachAsync(Enumerable.Range(0, People * Items), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
        {
            var (person, item) = (n % People, n / People);
            ids[person, item] = await sender.SendNotificationAsync(new
            {
                channel = "email",
                recipients = new[] { new { userId = $"digest-kill-{run}-{person}", contact = Address(run, person) } },
                subject = $"Reply {item} in {run}",
                body = "A reply.",
                digest = new { key = digestKey, windowSeconds = WindowSeconds },
            }, $"digest-kill-{run}-{person}-{item}");
        });

        // The moment the first window is released, the others are due or being released: kill every replica then.
        await Eventually.MatchAsync(() => WindowsAsync(digestKey), w => w.Released > 0, TimeSpan.FromSeconds(WindowSeconds) + Deadline / 3, "a first digest released");
        var atKill = await WindowsAsync(digestKey);
        await Task.WhenAll(replicas.Select(faults.KillAndStartAsync));
        output.WriteLine($"killed {string.Join(", ", replicas)} with {atKill.Released} of {atKill.Total} windows released");

        var pending = ids.Cast<Guid>().ToList();
        await Eventually.MatchAsync(async () =>
        {
            var statuses = await Task.WhenAll(pending.Select(async id => (Id: id, Status: await sender.StatusOfAsync(id))));
            pending = statuses.Where(s => s.Status != "Delivered").Select(s => s.Id).ToList();
            return pending.Count;
        }, left => left == 0, Deadline, $"all {People * Items} items Delivered in their digests");

        Assert.Equal((People, People), await WindowsAsync(digestKey)); // one window per person, every one released
        var ledger = new SinkLedger(mail);
        await ledger.RecordAsync("at the end");
        var received = ledger.CountByRecipient();
        var duplicated = 0;
        for (var person = 0; person < People; person++)
        {
            var copies = ledger.MessagesTo(Address(run, person));
            Assert.True(copies.Count >= 1, $"{Address(run, person)} got no digest");
            // Listed in the order collected, which requests fanned out side by side need not keep.
            Assert.All(copies, c => Assert.Matches($"^{Items} new notifications: Reply [0-9] in {run}$", c.Message.Subject));
            if (copies.Count > 1)
            {
                var verdict = await InterruptedSends.JudgeAsync(mail, sender, copies, ids[person, 0], faults.Kills, KillProximity);
                output.WriteLine($"{Address(run, person)} got {copies.Count} digests: {(verdict.Explained ? "re-sent after an interrupted send" : "DUPLICATED")}; {verdict.Evidence}");
                duplicated += verdict.Explained ? 0 : 1;
            }
        }
        Assert.Equal(0, duplicated);
        Assert.Empty(faults.UnexpectedStops);
    }

    /// <summary>Reads (never writes) the worker's own table: how many of the run's windows exist and how many were released.</summary>
    private async Task<(long Total, long Released)> WindowsAsync(string digestKey)
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.DeliveryDatabase));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*), count("ReleasedAt") FROM digest_windows WHERE "DigestKey" = @key""", connection);
        count.Parameters.AddWithValue("key", digestKey);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static string Address(string run, int person) => string.Create(CultureInfo.InvariantCulture, $"digest-kill-{run}-{person}@example.com");
}
