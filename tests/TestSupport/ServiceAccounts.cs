namespace NotificationAspire.TestSupport;

/// <summary>The realm's calling services and how to get a token for one, as a real caller would.</summary>
public static class ServiceAccounts
{
    public const string OrderService = "order-service";
    public const string BillingService = "billing-service";
    public const string AccountService = "account-service";
    public const string AnalyticsService = "analytics-service"; // has no notifications role
    public const string DeliveryWorker = "delivery-worker";
    public const string OpsConsole = "ops-console";

    /// <summary>No roles; its tokens live 1 second (an expired realm-signed token, a client partition of the rate limit).</summary>
    public const string ShortLivedProbe = "probe-short-lived";

    /// <summary>No roles and no audience mapper: realm-signed tokens that are not for the platform's APIs.</summary>
    public const string ForeignAudienceProbe = "probe-foreign-audience";

    /// <summary>The client the realm grants a category to (`notifications.send:{category}`): billing, security, or orders.</summary>
    public static string GrantedSenderOf(string? category) => category switch
    {
        "billing" => BillingService,
        "security" => AccountService,
        _ => OrderService, // general and order-updates
    };

    public static async Task<string> GetTokenAsync(this PlatformFixture platform, string clientId) =>
        await TokenEndpoint.RequestAsync(platform, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = await platform.ParameterValueAsync(SecretParameterOf(clientId)),
        });

    // The two probe clients share one secret parameter.
    private static string SecretParameterOf(string clientId) =>
        clientId.StartsWith("probe-", StringComparison.Ordinal) ? "probe-client-secret" : $"{clientId}-client-secret";
}
