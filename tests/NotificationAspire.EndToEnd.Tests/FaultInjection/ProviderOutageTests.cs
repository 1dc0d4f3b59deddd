using System.Net;
using System.Text.Json;
using NotificationAspire.Contracts;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// A provider that keeps failing past the attempt limit: the notification ends Failed with the reason, the
/// dead letter says why, and replaying it after the provider is back delivers it exactly once.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class ProviderOutageTests(FaultInjectionFixture platform, ITestOutputHelper output)
{
    // Generous: a retry tier's group may still be settling its partitions right after start-up.
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_delivery_that_exhausts_its_attempts_is_dead_lettered_and_replayed_exactly_once()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var sender = new ResilientCaller(platform, p => p.GetTokenAsync(ServiceAccounts.OrderService));
        var admin = new ResilientCaller(platform, p => p.GetUserTokenAsync("operator"));
        var mail = new MailSink(platform);
        var address = $"{Guid.NewGuid():N}@example.com";

        await faults.StopAsync(ResourceNames.Mail);
        Guid id;
        try
        {
            id = await sender.SendNotificationAsync(PlatformApi.EmailTo(address, "while the mail server is down"), Guid.NewGuid().ToString());
            // The fixture allows 3 attempts 1 s and 2 s apart: well inside the deadline.
            await Eventually.MatchAsync(() => sender.StatusOfAsync(id), s => s == "Failed", Deadline, "Failed after the last attempt");
        }
        finally
        {
            await faults.StartAsync(ResourceNames.Mail);
        }

        var (_, notification) = await sender.CallAsync(HttpMethod.Get, $"/api/notifications/{id}");
        var failure = notification.GetProperty("attempts").EnumerateArray().Last(a => a.GetProperty("state").GetString() == "Failed");
        Assert.False(string.IsNullOrWhiteSpace(failure.GetProperty("error").GetString()));

        var (_, letters) = await Eventually.MatchAsync(() => admin.CallAsync(HttpMethod.Get, $"/api/dead-letters/?notificationId={id}"),
            r => r.Body.ValueKind == JsonValueKind.Array && r.Body.GetArrayLength() > 0, Deadline, "the dead letter");
        var letter = letters[0];
        Assert.False(string.IsNullOrWhiteSpace(letter.GetProperty("reason").GetString()));
        Assert.True(letter.GetProperty("attempts").GetArrayLength() >= 3, "the attempt history travels with the dead letter");

        var letterId = letter.GetProperty("id").GetString();
        var (first, _) = await admin.CallAsync(HttpMethod.Post, $"/api/dead-letters/{letterId}/replay");
        var (again, _) = await admin.CallAsync(HttpMethod.Post, $"/api/dead-letters/{letterId}/replay");
        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal(HttpStatusCode.OK, again);

        await Eventually.MatchAsync(() => sender.StatusOfAsync(id), s => s == "Delivered", Deadline, "Delivered after the replay");
        Assert.Single(await mail.MessagesToAsync(address));
        output.WriteLine($"provider-outage: failed with '{letter.GetProperty("reason").GetString()}', replayed, delivered once");
    }
}
