using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NotificationAspire.Contracts;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>One trace from the caller's request to the worker's status event, across HTTP and Kafka.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TracingTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_callers_trace_id_reaches_the_workers_status_event()
    {
        var traceId = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

        using var response = await new PlatformApi(platform).SendAsync(HttpMethod.Post, "/api/notifications",
            await platform.GetTokenAsync(ServiceAccounts.OrderService),
            JsonContent.Create(PlatformApi.EmailTo($"{Guid.NewGuid():N}@example.com", "traced")),
            headers: new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{traceId[..16]}-01" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var status = await new KafkaProbe(platform).FindAsync(KafkaTopics.NotificationStatus.Name,
            r => r.Message.Key == id.ToString() && KafkaProbe.Header(r, "ce_type") == "io.notificationaspire.delivery.status-changed",
            TimeSpan.FromSeconds(45));
        Assert.NotNull(status);
        Assert.Equal(traceId, KafkaProbe.Header(status, "traceparent")?.Split('-')[1]);
    }
}
