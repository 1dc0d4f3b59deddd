using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NotificationAspire.Contracts;
using NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;
using NotificationAspire.EndToEnd.Tests.StatusWebhooks;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// The fault suite's count for the channels beyond email: texts (and, to every sixth person, webhooks on the
/// `webhook` channel) sent while the primary SMS provider fails, a worker replica is SIGKILLed, both providers fail
/// at once and notifications-api (which sends the status webhooks) is restarted; the sender hears about each
/// through a status webhook. Both receivers fail some first attempts. At the end every person got one text (or the
/// copy an interrupted send explains) or their webhook under one `webhook-id` (a receiver dedupes on it, so a
/// second 2xx for the same id is counted, not failed), and the sender's receiver heard each notification's
/// `message.delivered` under exactly one `webhook-id`, answered 2xx exactly once.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class SmsAndWebhookFaultTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    private const int Notifications = 240;

    /// <summary>Every sixth notification goes on the `webhook` channel instead of SMS.</summary>
    private const int WebhookEvery = 6;

    /// <summary>The sender's status webhooks, and the people's webhook channel, on one receiver.</summary>
    private const string StatusPath = "/hooks/status";
    private const string ChannelPath = "/hooks/channel";
    private const int InFlight = 8;
    private static readonly TimeSpan SendWindow = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan BothProvidersDown = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan KillProximity = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task Every_text_arrives_once_and_every_status_webhook_is_heard_once_through_failover_kills_and_restarts()
    {
        await using var faults = new FaultInjector(platform, Log);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var admin = new ResilientCaller(platform, p => p.GetUserTokenAsync("operator"));
        var carrier = new SmsCarrier(platform);
        var webhooks = new SenderWebhooks(platform, ServiceAccounts.OrderService);
        await using var receiver = new WebhookReceiver();
        var firstAttempts = 0;
        // Every fifth message's first attempt answers 503: the retry must carry the same webhook-id.
        receiver.Answer(StatusPath, attempt => attempt == 1 && Interlocked.Increment(ref firstAttempts) % 5 == 0 ? 503 : 204);
        var endpoint = await webhooks.RegisterAsync(receiver.UrlFor(StatusPath), "message.delivered");
        var channelFirstAttempts = 0;
        receiver.Answer(ChannelPath, attempt => attempt == 1 && Interlocked.Increment(ref channelFirstAttempts) % 4 == 0 ? 503 : 200);
        var replicas = await faults.InstancesOfAsync(ResourceNames.DeliveryWorker, expected: 2);
        faults.Supervise([ResourceNames.DeliveryWorker, ResourceNames.NotificationsApi, ResourceNames.SmsCarrier]);
        var run = Guid.NewGuid().ToString("N")[..8];
        var phones = Enumerable.Range(0, Notifications).Select(_ => SmsCarrier.NewNumber()).Distinct().ToList();
        var personWebhooks = new PersonWebhooks(platform);
        var channelSecrets = new Dictionary<int, string>();
        foreach (var i in Enumerable.Range(0, phones.Count).Where(IsWebhook))
        {
            channelSecrets[i] = (await personWebhooks.RegisterForAsync(WebhookPerson(run, i), receiver.UrlFor(ChannelPath))).Secret;
        }
        try
        {
            // 1. Send while breaking things.
            var ids = new Guid[phones.Count];
            var sendStarted = _clock.Elapsed;
            await Task.WhenAll(SendAllAsync(sender, run, phones, ids), InjectFaultsAsync(faults, carrier, replicas, sendStarted));

            // 2. Every notification ends Delivered, after operators replay what ran out of attempts.
            var failed = await SettleAsync(sender, ids);
            if (failed.Count > 0)
            {
                var (replayStatus, _) = await admin.CallAsync(HttpMethod.Post, "/api/dead-letters/replay");
                Assert.Equal(HttpStatusCode.OK, replayStatus);
                Assert.Empty(await SettleAsync(sender, failed));
            }

            // 3. At the carrier: one text per person.
            var smsPhones = phones.Where((_, i) => !IsWebhook(i)).ToList();
            var texts = (await AllTextsAsync(platform)).Where(t => smsPhones.Contains(t.GetProperty("to").GetString()!)).ToList();
            var throughSecondary = texts.Count(t => t.GetProperty("provider").GetString() == "vonage");
            var lostTexts = 0;
            var duplicatedTexts = 0;
            var resentAfterKill = 0;
            foreach (var (phone, i) in phones.Select((p, i) => (p, i)).Where(p => !IsWebhook(p.i)))
            {
                var copies = texts.Where(t => t.GetProperty("to").GetString() == phone).ToList();
                if (copies.Count == 0)
                {
                    lostTexts++;
                    Log($"LOST: no text to {phone} ({ids[i]})");
                }
                else if (copies.Count > 1)
                {
                    var explained = await ExplainedByKillAsync(sender, ids[i], copies, faults.Kills);
                    resentAfterKill += explained ? 1 : 0;
                    duplicatedTexts += explained ? 0 : 1;
                    Log($"{(explained ? "re-sent after an interrupted send" : "DUPLICATED")}: {phone} got {string.Join(", ", copies.Select(c => c.GetRawText()))}");
                }
            }

            // 4. At the people's receiver (the webhook channel): each notification under one webhook-id, taken at least once.
            var channelIds = channelSecrets.Keys.Select(i => ids[i]).ToHashSet();
            var channelRequests = receiver.Requests.Where(r => r.Path == ChannelPath && channelIds.Contains(r.NotificationId)).ToList();
            var channelLost = channelIds.Count(id => !channelRequests.Any(r => r.NotificationId == id && r.AnsweredWith is >= 200 and < 300));
            var channelDuplicated = channelRequests.GroupBy(r => r.NotificationId).Count(g => g.Select(r => r.Id).Distinct().Count() > 1);
            var channelTakenTwice = channelRequests.Where(r => r.AnsweredWith is >= 200 and < 300).GroupBy(r => r.Id).Count(g => g.Count() > 1);
            var channelUnverified = channelSecrets.Sum(s => channelRequests.Count(r => r.NotificationId == ids[s.Key] && !WebhookReceiver.Verifies(r, s.Value)));

            // 5. At the sender's receiver: each notification's message.delivered under one webhook-id, taken once.
            var heard = await Eventually.MatchAsync(() => Task.FromResult(HeardAsDelivered(receiver, ids)), h => h.Count == ids.Length,
                Deadline, $"a 2xx-answered message.delivered for each of {ids.Length} notifications");
            var duplicatedWebhooks = heard.Count(h => h.Value.Ids > 1 || h.Value.Taken > 1);
            foreach (var (id, h) in heard.Where(h => h.Value.Ids > 1 || h.Value.Taken > 1).Take(5))
            {
                Log($"DUPLICATED webhook for {id}: {h.Ids} webhook-id(s), answered 2xx {h.Taken} time(s)");
            }
            var statusRequests = receiver.Requests.Where(r => r.Path == StatusPath && ids.Contains(r.NotificationId)).ToList();
            var retried = statusRequests.Count(r => r.AnsweredWith == 503);
            var unverified = statusRequests.Count(r => !WebhookReceiver.Verifies(r, endpoint.Secret));

            var summary = string.Create(CultureInfo.InvariantCulture,
                $"fault-injection (sms, webhooks): notifications={ids.Length} replayed={failed.Count} texts-through-secondary={throughSecondary} texts-lost={lostTexts} texts-duplicated={duplicatedTexts} " +
                $"texts-resent-after-kill={resentAfterKill} webhooks-lost={ids.Length - heard.Count} webhooks-duplicated={duplicatedWebhooks} " +
                $"webhooks-retried-after-503={retried} webhooks-unverified={unverified} " +
                $"channel-webhooks={channelIds.Count} channel-webhooks-lost={channelLost} channel-webhooks-duplicated={channelDuplicated} " +
                $"channel-webhooks-taken-twice-same-id={channelTakenTwice} channel-webhooks-unverified={channelUnverified} " +
                $"crashed={faults.UnexpectedStops.Count} total={_clock.Elapsed.TotalSeconds:0.0}s");
            output.WriteLine(summary);
            await File.WriteAllTextAsync(RepositoryPaths.Artifact("fault-injection-channels.txt"), summary + Environment.NewLine);

            Assert.Equal(0, lostTexts);
            Assert.Equal(0, duplicatedTexts);
            Assert.Equal(0, duplicatedWebhooks);
            Assert.Equal(0, unverified);
            Assert.Equal(0, channelLost);
            Assert.Equal(0, channelDuplicated);
            Assert.Equal(0, channelUnverified);
            Assert.True(retried > 0, "the receiver's scripted 503s were never retried");
            Assert.True(throughSecondary > 0, "no text failed over to the secondary provider while the primary was down");
            Assert.Empty(faults.UnexpectedStops);
        }
        finally
        {
            await carrier.FailAsync("twilio", null);
            await carrier.FailAsync("vonage", null);
            await webhooks.DeleteAsync(endpoint.Id);
        }
    }

    private async Task SendAllAsync(ResilientCaller sender, string run, IReadOnlyList<string> phones, Guid[] ids)
    {
        var started = DateTime.UtcNow;
        var spacing = SendWindow / phones.Count;
        await Parallel.ForEachAsync(Enumerable.Range(0, phones.Count), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
        {
            var due = started + (spacing * i) - DateTime.UtcNow;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due); // pacing, not waiting for an outcome
            }
            object body = IsWebhook(i)
                ? new { channel = "webhook", recipients = new[] { new { userId = WebhookPerson(run, i) } }, subject = "Fault suite", body = $"Webhook {i} of run {run}." }
                : new
                {
                    channel = "sms",
                    recipients = new[] { new { userId = $"sms-fault-{run}-{i}", contact = phones[i] } },
                    subject = "Fault suite",
                    body = $"Text {i} of run {run}.",
                };
            ids[i] = await sender.SendNotificationAsync(body, idempotencyKey: $"sms-fault-{run}-{i}");
        });
        Log($"accepted {phones.Count} texts");
    }

    /// <summary>The faults, one after another at fixed points of the send window.</summary>
    private async Task InjectFaultsAsync(FaultInjector faults, SmsCarrier carrier, IReadOnlyList<string> replicas, TimeSpan sendStarted)
    {
        var schedule = new FaultSchedule(_clock, sendStarted, Log);
        await schedule.At(4, "twilio answers 503 (primary provider down)", () => carrier.FailAsync("twilio", 503));
        await schedule.At(12, $"twilio back; SIGKILL {replicas[0]}", async () =>
        {
            await carrier.FailAsync("twilio", null);
            await faults.KillAndStartAsync(replicas[0]);
        });
        await schedule.At(24, $"twilio and vonage answer 503 for {BothProvidersDown.TotalSeconds:0}s", async () =>
        {
            await carrier.FailAsync("twilio", 503);
            await carrier.FailAsync("vonage", 503);
            await Task.Delay(BothProvidersDown); // the outage itself
            await carrier.FailAsync("twilio", null);
            await carrier.FailAsync("vonage", null);
        });
        await schedule.At(34, $"restart {ResourceNames.NotificationsApi} (the status webhooks' sender)", () => faults.RestartAsync(ResourceNames.NotificationsApi));
        await schedule.At(40, $"SIGKILL {replicas[1 % replicas.Count]}", () => faults.KillAndStartAsync(replicas[1 % replicas.Count]));
    }

    /// <summary>Waits until every notification is Delivered or Failed; returns the Failed ones.</summary>
    private async Task<List<Guid>> SettleAsync(ResilientCaller sender, IReadOnlyCollection<Guid> ids)
    {
        var statuses = new ConcurrentDictionary<Guid, string>();
        var pending = ids.ToList();
        await Eventually.MatchAsync(async () =>
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (id, _) => statuses[id] = await sender.StatusOfAsync(id));
            pending = pending.Where(id => statuses[id] is not ("Delivered" or "Failed")).ToList();
            return pending.Count;
        }, left => left == 0, Deadline, $"{ids.Count} texts Delivered or Failed");
        return [.. statuses.Where(s => s.Value == "Failed").Select(s => s.Key)];
    }

    private static async Task<IReadOnlyList<JsonElement>> AllTextsAsync(PlatformFixture platform)
    {
        using var http = platform.CreateHttpClient(ResourceNames.SmsCarrier);
        return [.. (await http.GetFromJsonAsync<JsonElement>("/api/messages")).EnumerateArray()];
    }

    /// <summary>
    /// As <see cref="InterruptedSends"/> for email: no SMS provider API takes an idempotency key, so a replica killed
    /// after the carrier's 201 and before it wrote that down sends again after the lease. Counted as such only with
    /// exactly two copies, the platform's own note of an interrupted send, and a SIGKILL near the first copy.
    /// </summary>
    private static async Task<bool> ExplainedByKillAsync(ResilientCaller sender, Guid id, IReadOnlyList<JsonElement> copies, IReadOnlyList<FaultInjector.Kill> kills)
    {
        var (_, notification) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{id}");
        var interrupted = notification.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("interruptedSends").GetInt32()).DefaultIfEmpty(0).Max();
        var first = copies[0].GetProperty("receivedAt").GetDateTimeOffset();
        return copies.Count == 2 && interrupted > 0 && kills.Any(k => (first - k.At).Duration() <= KillProximity);
    }

    /// <summary>Per notification whose message.delivered the receiver answered 2xx: how many webhook-ids it came under, and how many times it was taken.</summary>
    private static Dictionary<Guid, (int Ids, int Taken)> HeardAsDelivered(WebhookReceiver receiver, IReadOnlyCollection<Guid> ids) =>
        receiver.Requests.Where(r => r.Path == StatusPath && r.Type == "message.delivered" && ids.Contains(r.NotificationId))
            .GroupBy(r => r.NotificationId)
            .Where(g => g.Any(r => r.AnsweredWith is >= 200 and < 300))
            .ToDictionary(g => g.Key, g => (g.Select(r => r.Id).Distinct().Count(), g.Count(r => r.AnsweredWith is >= 200 and < 300)));

    private static bool IsWebhook(int i) => i % WebhookEvery == 0;

    private static string WebhookPerson(string run, int i) => string.Create(CultureInfo.InvariantCulture, $"webhook-fault-{run}-{i}");

    private void Log(string line) => output.WriteLine($"[{_clock.Elapsed:mm\\:ss\\.f}] {line}");
}
