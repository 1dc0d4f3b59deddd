namespace NotificationAspire.TestSupport;

/// <summary>The realm's calling services and how to get a token for one, as a real caller would.</summary>
public static class ServiceAccounts
{
    public const string OrderService = "order-service";
    public const string BillingService = "billing-service";
    public const string AnalyticsService = "analytics-service"; // has no notifications role

    public static async Task<string> GetTokenAsync(this PlatformFixture platform, string clientId) =>
        await TokenEndpoint.RequestAsync(platform, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = await platform.ParameterValueAsync($"{clientId}-client-secret"),
        });
}
