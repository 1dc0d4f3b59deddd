using System.Globalization;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// Scheduled sends live in the worker's database, not on a broker topic: with every worker replica SIGKILLed,
/// notifications-api restarted and the broker restarted with all its records lost while they wait, each still
/// goes out once, and not before its time.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class ScheduledSendRestartTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    private const int Notifications = 20;
    private static readonly TimeSpan Ahead = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Scheduled_sends_survive_killed_workers_a_restarted_api_and_a_broker_that_lost_everything()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var mail = new MailSink(platform);
        var run = Guid.NewGuid().ToString("N")[..8];
        var due = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow + Ahead).ToUnixTimeSeconds());
        var ids = new List<Guid>();
        for (var i = 0; i < Notifications; i++)
        {
            ids.Add(await sender.SendNotificationAsync(new
            {
                channel = "email",
                recipients = new[] { new { userId = $"scheduled-{run}-{i}", contact = Address(run, i) } },
                subject = $"Scheduled {run} #{i}",
                body = "Later.",
                sendAt = due.ToString("O", CultureInfo.InvariantCulture),
            }, $"scheduled-{run}-{i}"));
        }
        await Eventually.MatchAsync(() => Task.WhenAll(ids.Select(sender.StatusOfAsync)), s => s.All(x => x == "Scheduled"), Ahead / 2, "every send Scheduled");

        foreach (var replica in await faults.InstancesOfAsync(ResourceNames.DeliveryWorker, expected: 2))
        {
            await faults.KillAndStartAsync(replica);
        }
        await faults.RestartAsync(ResourceNames.NotificationsApi);
        await faults.RestartAsync(ResourceNames.Kafka);
        output.WriteLine($"restarts done {(DateTimeOffset.UtcNow - due).TotalSeconds:0.0}s after the due time");

        await Eventually.MatchAsync(() => Task.WhenAll(ids.Select(sender.StatusOfAsync)), s => s.All(x => x == "Delivered"),
            TimeSpan.FromMinutes(3), $"all {Notifications} Delivered");
        for (var i = 0; i < Notifications; i++)
        {
            var message = Assert.Single(await mail.WaitForMessagesToAsync(Address(run, i), 1, People.Deadline));
            // The sink dates a message when it has processed it, never before it was sent.
            Assert.True(message.ReceivedDate >= due, $"{Address(run, i)} received at {message.ReceivedDate:O}, before its time {due:O}");
        }
        Assert.Empty(faults.UnexpectedStops);
    }

    private static string Address(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"scheduled-{run}-{i}@example.com");
}
