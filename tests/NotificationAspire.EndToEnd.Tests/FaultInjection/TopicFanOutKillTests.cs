using System.Text.Json;
using NotificationAspire.Contracts;
using NotificationAspire.EndToEnd.Tests.Topics;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// A topic send to 10,000 subscribers while it is being broken: notifications-api and both worker replicas are
/// SIGKILLed mid-fan-out (the fan-out resumes from its durable cursor), the workers again mid-delivery. Everyone
/// must get exactly one email (or the copy an interrupted send explains, <see cref="InterruptedSends"/>): a cursor
/// that ran ahead of its committed page would skip people, one that lagged would send them a page twice.
/// </summary>
[Collection(FanOutFaultCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class TopicFanOutKillTests(FanOutFaultFixture platform, ITestOutputHelper output)
{
    private const int Subscribers = 10_000;
    private const int KillWorkersAgainAt = 3_000;

    private static readonly TimeSpan KillProximity = TimeSpan.FromSeconds(10);
    // Ten thousand emails at the 10 to 40 per second a 2-core machine running the whole platform delivers
    // (docs/performance.md), after two rounds of recovery: about 13 minutes when the machine is shared.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Killing_the_api_and_the_workers_during_a_fan_out_of_ten_thousand_reaches_everyone_exactly_once()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var topics = new TopicClient(platform);
        var mail = new MailSink(platform);
        var replicas = await faults.InstancesOfAsync(ResourceNames.DeliveryWorker, expected: 2);
        var api = (await faults.InstancesOfAsync(ResourceNames.NotificationsApi)).Single();
        var key = TopicClient.NewKey("fanout");
        var people = await topics.CreatePeopleAsync(key, Subscribers);
        await topics.CreateAsync(key);
        Assert.Equal(Subscribers, await topics.SubscribeAsync(key, people));

        var subject = $"Fan-out {key}";
        var id = await sender.SendNotificationAsync(new { channel = "email", category = "order-updates", topics = new[] { key }, subject, body = "Once each." },
            idempotencyKey: key);

        // 1. Mid-fan-out: its cursor has moved, and pages are left.
        var started = await Eventually.MatchAsync(() => FanOutAsync(sender, id), f => f.FannedOut > 0, TimeSpan.FromMinutes(1), "the fan-out started");
        await Task.WhenAll(replicas.Append(api).Select(faults.KillAndStartAsync));
        output.WriteLine($"killed {api} and {string.Join(", ", replicas)} at {started.FannedOut} of {Subscribers} fanned out");
        Assert.False(started.Complete, $"the fan-out was complete before the kill ({started.FannedOut}): nothing was interrupted");

        // 2. Mid-delivery.
        var delivered = await Eventually.MatchAsync(() => mail.CountAsync(key), n => n >= KillWorkersAgainAt, Deadline, $"{KillWorkersAgainAt} emails");
        await Task.WhenAll(replicas.Select(faults.KillAndStartAsync));
        output.WriteLine($"killed {string.Join(", ", replicas)} again at {delivered} emails");

        // Delivered: the fan-out wrote its last page and every one of the 10,000 reported delivered.
        await Eventually.MatchAsync(() => StatusOfAsync(sender, id), s => s == "Delivered", Deadline, "the topic send Delivered");
        var done = await FanOutAsync(sender, id);
        Assert.Equal((true, Subscribers), (done.Complete, done.FannedOut));

        var ledger = new SinkLedger(mail);
        await ledger.RecordAsync("at the end");
        var received = ledger.CountByRecipient();
        var missing = people.Where(p => received.GetValueOrDefault(TopicClient.EmailOf(p)) == 0).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} subscribers got nothing, e.g. {string.Join(", ", missing.Take(5))}");
        var duplicated = 0;
        foreach (var person in people.Where(p => received[TopicClient.EmailOf(p)] > 1))
        {
            var copies = ledger.MessagesTo(TopicClient.EmailOf(person));
            var verdict = await InterruptedSends.JudgeAsync(mail, sender, copies, id, faults.Kills, KillProximity, recipient: person);
            output.WriteLine($"{person} got {copies.Count} copies: {(verdict.Explained ? "re-sent after an interrupted send" : "DUPLICATED")}; {verdict.Evidence}");
            duplicated += verdict.Explained ? 0 : 1;
        }
        Assert.Equal(0, duplicated);
    }

    private sealed record FanOut(int FannedOut, bool Complete);

    private static async Task<FanOut> FanOutAsync(ResilientCaller sender, Guid id)
    {
        var (_, view) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{id}");
        var fanOut = view.GetProperty("fanOut");
        return new FanOut(fanOut.GetProperty("fannedOut").GetInt32(), fanOut.GetProperty("complete").GetBoolean());
    }

    /// <summary>From the sender's list, which is cheap: the full view carries all 10,000 people's attempts.</summary>
    private static async Task<string?> StatusOfAsync(ResilientCaller sender, Guid id)
    {
        var (_, list) = await sender.CallAsync(HttpMethod.Get, "/api/notifications?take=200");
        return list.EnumerateArray().Where(n => n.GetProperty("id").GetGuid() == id).Select(n => n.GetProperty("status").GetString()).FirstOrDefault();
    }
}
