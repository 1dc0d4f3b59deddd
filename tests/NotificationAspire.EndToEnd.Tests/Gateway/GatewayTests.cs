using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Gateway;

/// <summary>
/// The gateway as callers meet it: the single entry point that turns away callers without a valid token,
/// leaves role checks to the API behind it, ties each request to a correlation id, and serves the APIs' reference.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    private const string NotificationsPath = "/api/notifications";
    private const string CorrelationHeader = "X-Correlation-Id";
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task A_sender_lists_its_notifications_through_the_gateway()
    {
        using var response = await GetAsync(NotificationsPath, await platform.GetTokenAsync(ServiceAccounts.OrderService));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task A_valid_token_without_the_send_role_is_forwarded_and_forbidden_by_the_api()
    {
        using var response = await GetAsync(NotificationsPath, await platform.GetTokenAsync(ServiceAccounts.AnalyticsService));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(NotificationsPath)]
    [InlineData(NotificationsPath + "/00000000-0000-0000-0000-000000000001")]
    public async Task No_token_is_turned_away_at_the_edge(string path)
    {
        using var response = await GetAsync(path, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_garbage_token_is_turned_away_at_the_edge()
    {
        using var response = await GetAsync(NotificationsPath, token: "not-a-jwt");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("alg none")]
    [InlineData("re-signed by another key")]
    public async Task A_real_token_the_realm_did_not_sign_as_presented_is_turned_away_at_the_edge(string forgery)
    {
        var parts = (await platform.GetTokenAsync(ServiceAccounts.OrderService)).Split('.');
        var signedPart = forgery == "alg none" ? $"{Base64Url("""{"alg":"none","typ":"JWT"}"""u8)}.{parts[1]}" : $"{parts[0]}.{parts[1]}";
        using var otherKey = RSA.Create(2048);
        var signature = forgery == "alg none"
            ? string.Empty
            : Base64Url(otherKey.SignData(Encoding.ASCII.GetBytes(signedPart), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var response = await GetAsync(NotificationsPath, $"{signedPart}.{signature}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task The_callers_correlation_id_is_echoed()
    {
        using var response = await GetAsync(NotificationsPath, await platform.GetTokenAsync(ServiceAccounts.OrderService), "abc-123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc-123", Assert.Single(response.Headers.GetValues(CorrelationHeader)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces and / slashes")]
    public async Task A_missing_or_unusable_correlation_id_is_replaced_by_a_generated_one(string? sent)
    {
        using var response = await GetAsync(NotificationsPath, token: null, sent);

        var generated = Assert.Single(response.Headers.GetValues(CorrelationHeader));
        Assert.Matches("^[0-9a-f]{32}$", generated);
    }

    [Fact]
    public async Task An_unknown_path_is_a_not_found_problem()
    {
        using var response = await GetAsync("/no-such-api", token: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_notifications_api_document_is_served_anonymously_and_names_the_gateway_as_server()
    {
        using var response = await GetAsync("/openapi/notifications-api.json", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(NotificationsPath, text);
        using var document = JsonDocument.Parse(text);
        var servers = document.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()?.TrimEnd('/'));
        Assert.Contains(_api.BaseAddress.GetLeftPart(UriPartial.Authority), servers);
    }

    [Fact]
    public async Task The_api_reference_is_served_anonymously()
    {
        using var response = await GetAsync("/scalar", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private Task<HttpResponseMessage> GetAsync(string path, string? token, string? correlationId = null) =>
        _api.SendAsync(HttpMethod.Get, path, token,
            headers: correlationId is null ? null : new Dictionary<string, string> { [CorrelationHeader] = correlationId });
}
