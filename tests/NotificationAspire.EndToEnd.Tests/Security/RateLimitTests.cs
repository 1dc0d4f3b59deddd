using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Security;

/// <summary>
/// The gateway's per-client budget: the probe client gets a tiny one from the fixture
/// (<see cref="PlatformFixture.ProbeRequestBudget"/>), every other client the generous default.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RateLimitTests(PlatformFixture platform)
{
    private const string Path = "/api/categories";
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task A_client_past_its_budget_gets_a_429_problem_with_retry_after_and_other_clients_do_not()
    {
        var probe = await platform.GetTokenAsync(ServiceAccounts.ShortLivedProbe);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PlatformFixture.ProbeRequestBudget; i++)
        {
            using var within = await _api.SendAsync(HttpMethod.Get, Path, probe);
            statuses.Add(within.StatusCode);
        }
        using var over = await _api.SendAsync(HttpMethod.Get, Path, probe);
        using var other = await _api.SendAsync(HttpMethod.Get, Path, await platform.GetTokenAsync(ServiceAccounts.OrderService));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
        Assert.True(over.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {over.Headers.RetryAfter}");
        Assert.Contains($"Client '{ServiceAccounts.ShortLivedProbe}'", (await over.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Visible to the scraper: ASP.NET Core's limiter meter and the gateway's own count, by client.
        using var management = platform.CreateHttpClient(Contracts.ResourceNames.Gateway, Contracts.ManagementEndpoint.Name);
        await Eventually.MatchAsync(() => management.GetStringAsync("/metrics"),
            metrics => metrics.Contains("aspnetcore_rate_limiting_requests", StringComparison.Ordinal)
                && metrics.Split('\n').Any(l => l.StartsWith("notificationaspire_gateway_rate_limit_rejected", StringComparison.Ordinal)
                                               && l.Contains($"client_id=\"{ServiceAccounts.ShortLivedProbe}\"", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "rate-limit metrics on the gateway's /metrics");
    }
}
