using System.Text.Json;
using NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// No send outlives its lease: one still running when the lease ends could be taken over and made a second time by
/// another consumer. Each SMS provider here stays under its own timeout, but a slow failure of the primary followed by
/// a slow secondary adds up to more than the send budget (four fifths of the lease). The worker gives up on that
/// attempt, says why (and counts it as an interrupted send: its outcome is unknown), and the next attempt delivers the
/// text once.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class SendBudgetTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    /// <summary>Under the worker's `Sms:Timeout` (10 s); two of them are over the fixture's budget (15 s lease x 0.8 = 12 s).</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(7);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task An_attempt_that_would_outlive_its_lease_is_given_up_and_the_next_delivers_once()
    {
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var carrier = new SmsCarrier(platform);
        var phone = SmsCarrier.NewNumber();
        var body = new
        {
            channel = "sms",
            recipients = new[] { new { userId = $"send-budget-{Guid.NewGuid():N}", contact = phone } },
            subject = "Send budget",
            body = "Slow providers, one text.",
        };

        await carrier.SteerAsync("twilio", status: 503, delay: SlowAnswer);
        await carrier.SteerAsync("vonage", status: null, delay: SlowAnswer);
        try
        {
            var id = await sender.SendNotificationAsync(body, Guid.NewGuid().ToString());
            var givenUp = (await Eventually.MatchAsync(() => LatestAttemptAsync(sender, id),
                a => a?.GetProperty("error").GetString()?.Contains("send budget", StringComparison.Ordinal) == true,
                Deadline, "the first attempt given up at the send budget")).GetValueOrDefault();
            output.WriteLine($"first attempt: {givenUp.GetRawText()}");
            Assert.NotEqual("Delivered", givenUp.GetProperty("state").GetString());

            await carrier.SteerAsync("twilio", status: null, delay: null);
            await carrier.SteerAsync("vonage", status: null, delay: null);
            var delivered = (await Eventually.MatchAsync(() => LatestAttemptAsync(sender, id),
                a => a?.GetProperty("state").GetString() == "Delivered", Deadline, "Delivered by a later attempt")).GetValueOrDefault();
            output.WriteLine($"delivered: {delivered.GetRawText()}");

            Assert.True(delivered.GetProperty("attemptNumber").GetInt32() > 1, "delivered by a later attempt, not the one given up");
            // The given-up send's outcome is unknown, and the status says so.
            Assert.Equal(1, delivered.GetProperty("interruptedSends").GetInt32());
            // The secondary's text of the given-up attempt was abandoned before the carrier kept it.
            Assert.Single(await carrier.MessagesToAsync(phone));
        }
        finally
        {
            await carrier.SteerAsync("twilio", status: null, delay: null);
            await carrier.SteerAsync("vonage", status: null, delay: null);
        }
    }

    /// <summary>The notification's latest attempt (one recipient, one channel); null until the worker has reported one.</summary>
    private static async Task<JsonElement?> LatestAttemptAsync(ResilientCaller sender, Guid id)
    {
        var (_, notification) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{id}");
        return notification.TryGetProperty("attempts", out var attempts) && attempts.GetArrayLength() > 0
            ? attempts.EnumerateArray().MaxBy(a => a.GetProperty("attemptNumber").GetInt32())
            : null;
    }
}
