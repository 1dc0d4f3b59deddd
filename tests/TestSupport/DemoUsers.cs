namespace NotificationAspire.TestSupport;

/// <summary>The realm's demo people, signing in through the gateway client with the password grant.</summary>
public static class DemoUsers
{
    public static async Task<string> GetUserTokenAsync(this PlatformFixture platform, string username) =>
        await TokenEndpoint.RequestAsync(platform, new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "gateway",
            ["client_secret"] = await platform.ParameterValueAsync("gateway-client-secret"),
            ["username"] = username,
            ["password"] = await platform.ParameterValueAsync("demo-user-password"),
        });
}
