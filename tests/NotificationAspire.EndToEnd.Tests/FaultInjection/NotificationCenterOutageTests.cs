using System.Diagnostics;
using System.Net;
using System.Text.Json;
using NotificationAspire.Contracts;
using NotificationAspire.EndToEnd.Tests.Inbox;
using Xunit.Abstractions;

namespace NotificationAspire.EndToEnd.Tests.FaultInjection;

/// <summary>
/// The composite notification center while preferences-api is stopped, as an operator would stop it: the person still
/// gets their inbox, in time, with the preferences part marked missing, never a 5xx.
/// </summary>
[Collection(MailOutageCollection.Name)]
[Trait("Category", "FaultInjection")]
public sealed class NotificationCenterOutageTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Without_preferences_api_the_center_answers_200_with_the_inbox_and_the_preferences_part_missing()
    {
        await using var faults = new FaultInjector(platform, output.WriteLine);
        var inboxes = new Inboxes(platform);
        var alice = await inboxes.TokenOfAsync("alice");
        var id = await inboxes.SendInAppAsync("alice", $"Outage {Guid.NewGuid():N}");
        await inboxes.WaitForItemAsync(alice, id);

        await faults.StopAsync(ResourceNames.PreferencesApi);
        try
        {
            var api = new PlatformApi(platform);
            var timer = Stopwatch.StartNew();
            using var response = await api.SendAsync(HttpMethod.Get, "/api/notification-center", alice);
            timer.Stop();
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(5), $"the center answered after {timer.Elapsed}");
            var center = JsonDocument.Parse(body).RootElement;
            Assert.Contains(center.GetProperty("inbox").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
            Assert.Equal(JsonValueKind.Null, center.GetProperty("preferences").ValueKind);
            Assert.Equal(["preferences"], center.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        }
        finally
        {
            await faults.StartAsync(ResourceNames.PreferencesApi);
        }
    }
}
