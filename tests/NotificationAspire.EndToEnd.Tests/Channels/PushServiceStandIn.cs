using System.Net.Http.Json;
using System.Text.Json;

// Not `.Channels`: that would hide NotificationAspire.Contracts.Events.Channels from the other tests.
namespace NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;

/// <summary>
/// The `push-service` stand-in as a test uses it: a subscription endpoint of its own (as a browser's push manager
/// would hand out), the pushes it received, and a subscription made gone.
/// </summary>
internal sealed class PushServiceStandIn(PlatformFixture platform)
{
    /// <summary>A new subscription's endpoint; the worker reaches the stand-in at the same address the test does.</summary>
    public Uri NewEndpoint(out string subscription)
    {
        subscription = Guid.NewGuid().ToString("N");
        return new Uri(platform.App.GetEndpoint(Contracts.ResourceNames.PushService, "http"), $"/push/{subscription}");
    }

    public async Task<IReadOnlyList<JsonElement>> PushesToAsync(string subscription)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.PushService);
        var all = await http.GetFromJsonAsync<JsonElement>($"/api/messages?subscription={Uri.EscapeDataString(subscription)}");
        return [.. all.EnumerateArray()];
    }

    public Task<IReadOnlyList<JsonElement>> WaitForPushesToAsync(string subscription, int count) =>
        Eventually.MatchAsync(() => PushesToAsync(subscription), m => m.Count >= count, People.Deadline, $"{count} push(es) to {subscription}");

    /// <summary>The browser unsubscribed: the push service answers 410 from now on.</summary>
    public async Task MakeGoneAsync(string subscription)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.PushService);
        using var response = await http.PutAsync($"/api/subscriptions/{subscription}/gone", content: null);
        response.EnsureSuccessStatusCode();
    }
}
