using System.Net;

namespace NotificationAspire.EndToEnd.Tests.Foundation;

[Collection(PlatformCollection.Name)]
public sealed class AuthenticationTests(PlatformFixture platform)
{
    private const string SenderOnlyEndpoint = "/api/notifications";

    // The API itself, not the gateway in front of it: it checks tokens again for callers inside the cluster.
    private readonly PlatformApi _api = new(platform, Contracts.ResourceNames.NotificationsApi);

    [Fact]
    public async Task A_client_credentials_token_with_the_send_role_is_accepted()
    {
        var response = await GetAsync(await platform.GetTokenAsync(ServiceAccounts.OrderService));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_without_the_send_role_is_forbidden()
    {
        var response = await GetAsync(await platform.GetTokenAsync(ServiceAccounts.AnalyticsService));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task No_token_is_unauthorized()
    {
        var response = await GetAsync(token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_unauthorized()
    {
        var token = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{new string(parts[2].Reverse().ToArray())}";
        var response = await GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string? token) => _api.SendAsync(HttpMethod.Get, SenderOnlyEndpoint, token);
}
