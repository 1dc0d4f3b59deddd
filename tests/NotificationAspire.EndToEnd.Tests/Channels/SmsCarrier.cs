using System.Net.Http.Json;
using System.Text.Json;

// Not `.Channels`: that would hide NotificationAspire.Contracts.Events.Channels from the other tests.
namespace NotificationAspire.EndToEnd.Tests.ChannelsAndProviders;

/// <summary>The `sms-carrier` stand-in as a test reads and steers it: texts received per number, each provider's behaviour.</summary>
internal sealed class SmsCarrier(PlatformFixture platform)
{
    /// <summary>A number of a test's own, in E.164 (German mobile range, random subscriber part).</summary>
    public static string NewNumber() => $"+49151{Random.Shared.Next(10_000_000, 99_999_999)}";

    public async Task<IReadOnlyList<JsonElement>> MessagesToAsync(string number)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.SmsCarrier);
        var all = await http.GetFromJsonAsync<JsonElement>($"/api/messages?to={Uri.EscapeDataString(number)}");
        return [.. all.EnumerateArray()];
    }

    public Task<IReadOnlyList<JsonElement>> WaitForMessagesToAsync(string number, int count) =>
        Eventually.MatchAsync(() => MessagesToAsync(number), m => m.Count >= count, People.Deadline, $"{count} text(s) to {number}");

    /// <summary>Makes <paramref name="provider"/> answer every call with <paramref name="status"/>; null makes it normal again.</summary>
    public Task FailAsync(string provider, int? status) => SteerAsync(provider, status, delay: null);

    /// <summary>Makes <paramref name="provider"/> wait <paramref name="delay"/> before it answers (with <paramref name="status"/>, or normally).</summary>
    public async Task SteerAsync(string provider, int? status, TimeSpan? delay)
    {
        using var http = platform.CreateHttpClient(Contracts.ResourceNames.SmsCarrier);
        using var response = await http.PutAsJsonAsync($"/api/providers/{provider}", new { failWithStatus = status, delay });
        response.EnsureSuccessStatusCode();
    }
}
