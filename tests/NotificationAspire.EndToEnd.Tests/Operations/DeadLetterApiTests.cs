using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.EndToEnd.Tests.Operations;

/// <summary>Operators list dead letters with their reason and history, and replay them once.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DeadLetterApiTests(PlatformFixture platform)
{
    private readonly PlatformApi _api = new(platform);
    private readonly KafkaProbe _kafka = new(platform);

    [Fact]
    public async Task Dead_letters_are_for_operators_only()
    {
        using var sender = await _api.SendAsync(HttpMethod.Get, "/api/dead-letters/", await platform.GetTokenAsync(ServiceAccounts.OrderService));
        using var anonymous = await _api.SendAsync(HttpMethod.Get, "/api/dead-letters/", token: null);
        using var operatorCall = await _api.SendAsync(HttpMethod.Get, "/api/dead-letters/", await platform.GetUserTokenAsync("operator"));

        Assert.Equal(HttpStatusCode.Forbidden, sender.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, operatorCall.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_command_replays_through_the_admin_api_with_the_ops_console_client()
    {
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>();
        var api = model.Resources.Single(r => r.Name == ResourceNames.NotificationsApi);
        var commands = platform.App.Services.GetRequiredService<ResourceCommandService>();

        var result = await commands.ExecuteCommandAsync(api, "replay-dead-letters");

        Assert.True(result.Success, result.Message);
    }

    [Fact]
    public async Task A_dead_letter_is_listed_with_its_reason_and_replayed_exactly_once()
    {
        var adminToken = await platform.GetUserTokenAsync("operator");
        var notificationId = Guid.NewGuid();
        var deliveryKey = DeliveryKeys.For(notificationId, "u-dlq", Channels.Email);
        var payload = JsonSerializer.Serialize(new
        {
            notificationId, deliveryKey, recipientUserId = "u-dlq", contact = $"{Guid.NewGuid():N}@example.com", channel = "email",
            subject = "replayed", body = "after the fix", correlationKey = (string?)null, attempt = 3, notBefore = (DateTimeOffset?)null,
            history = new[] { new { attempt = 3, at = DateTimeOffset.UtcNow, outcome = "transient", error = "connection refused" } },
            replayId = (string?)null, schemaVersion = 1,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await _kafka.ProduceAsync(KafkaTopics.NotificationDeadLetters.Name, deliveryKey, "io.notificationaspire.delivery.dispatched", payload,
            new Dictionary<string, string>
            {
                ["dlq-reason"] = "attempts exhausted: connection refused",
                ["dlq-attempts"] = """[{"attempt":3,"at":"2026-01-01T00:00:00Z","outcome":"transient","error":"connection refused"}]""",
                ["dlq-delivery-key"] = deliveryKey,
                ["dlq-source-topic"] = "notification-retry-long",
            });

        var letter = await Eventually.MatchAsync(async () =>
            {
                using var list = await _api.SendAsync(HttpMethod.Get, $"/api/dead-letters/?notificationId={notificationId}", adminToken);
                return (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().FirstOrDefault();
            }, l => l.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "the dead letter to be listed");
        Assert.Equal("attempts exhausted: connection refused", letter.GetProperty("reason").GetString());
        Assert.Equal("connection refused", letter.GetProperty("attempts")[0].GetProperty("error").GetString());
        var id = letter.GetProperty("id").GetString()!;

        using var first = await _api.SendAsync(HttpMethod.Post, $"/api/dead-letters/{id}/replay", adminToken);
        using var second = await _api.SendAsync(HttpMethod.Post, $"/api/dead-letters/{id}/replay", adminToken);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());

        var replayed = await _kafka.FindAsync(KafkaTopics.NotificationDispatch.Name,
            r => Encoding.UTF8.GetString(r.Message.Value).Contains(deliveryKey, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.NotNull(replayed);
        var dispatched = JsonDocument.Parse(replayed.Message.Value).RootElement;
        Assert.Equal(id, dispatched.GetProperty("replayId").GetString());
        Assert.Equal(1, dispatched.GetProperty("attempt").GetInt32());
        Assert.Equal("u-dlq", replayed.Message.Key);
    }
}
