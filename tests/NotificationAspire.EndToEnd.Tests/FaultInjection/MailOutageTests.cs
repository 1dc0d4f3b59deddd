using System.Globalization;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// What an operator sees who stops the mail server for two minutes while notifications keep coming, on the
/// settings the platform ships with (not the fault suite's quick ones): the held-back deliveries show as
/// Waiting or Retrying, nothing is dead-lettered, and once the server is back every email arrives once.
/// </summary>
[Collection(MailOutageCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class MailOutageTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Notifications = 30;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SendSpread = TimeSpan.FromSeconds(60);

    /// <summary>Delays are 5 s, 30 s and 2 min (±20 %) and the breaker probes every 30 s; with a margin for a busy machine.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(5);

    private static readonly string[] HeldBack = ["Waiting", "Retrying"];

    [Fact]
    public async Task Two_minutes_without_the_mail_server_end_with_every_email_delivered_once()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var mail = new MailSink(platform);
        var run = Guid.NewGuid().ToString("N")[..8];
        var addresses = Enumerable.Range(0, Notifications).Select(i => string.Create(CultureInfo.InvariantCulture, $"outage-{run}-{i}@example.com")).ToList();
        var ids = new List<Guid>();

        var outageStarted = DateTime.UtcNow;
        await faults.StopAsync(ResourceNames.Mail);
        try
        {
            foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
            {
                ids.Add(await sender.SendNotificationAsync(PlatformApi.EmailTo(address, $"Outage {run} #{i}", "Sent while the mail server was down."), $"outage-{run}-{i}"));
                await Task.Delay(SendSpread / Notifications); // pacing the sends over the outage, not waiting for an outcome
            }

            // While the server is down the waiting is visible, never Failed and never Delivered.
            var during = await Eventually.MatchAsync(() => StatusesAsync(sender, ids), s => s.Any(HeldBack.Contains), Outage, "Waiting or Retrying during the outage");
            output.WriteLine($"during the outage: {Describe(during)}");
            Assert.DoesNotContain("Failed", during);
            Assert.DoesNotContain("Delivered", during);

            var rest = outageStarted + Outage - DateTime.UtcNow;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest); // the outage itself
            }
        }
        finally
        {
            await faults.StartAsync(ResourceNames.Mail);
        }

        var after = await Eventually.MatchAsync(() => StatusesAsync(sender, ids), s => s.All(x => x is "Delivered" or "Failed"), Recovery, "a final state after the outage");
        output.WriteLine($"after the outage: {Describe(after)}");
        Assert.All(after, status => Assert.Equal("Delivered", status));
        foreach (var address in addresses)
        {
            Assert.Single(await mail.MessagesToAsync(address));
        }
    }

    private static async Task<IReadOnlyList<string>> StatusesAsync(ResilientCaller sender, IEnumerable<Guid> ids) =>
        await Task.WhenAll(ids.Select(sender.StatusOfAsync));

    private static string Describe(IEnumerable<string> statuses) =>
        string.Join(' ', statuses.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"));
}

/// <summary>A platform of its own on default settings, alone on the machine: it stops the mail server for minutes, and preferences-api.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailOutageCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "mail-outage";
}
