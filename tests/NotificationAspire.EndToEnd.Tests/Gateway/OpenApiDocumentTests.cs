using System.Net;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Gateway;

/// <summary>
/// The notifications API's OpenAPI document as the gateway serves it: what a client generator or the reference UI
/// learns from it must match what the API answers, including that every call needs a bearer token.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiDocumentTests(PlatformFixture platform)
{
    private const string DocumentPath = "/openapi/notifications-api.json";
    private const string SchemeName = "Bearer";
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
    private readonly PlatformApi _api = new(platform);

    [Fact]
    public async Task The_document_declares_a_bearer_jwt_scheme()
    {
        var document = await GetDocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(SchemeName);
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString(), ignoreCase: true);
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
        Assert.Contains("token", scheme.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Every_operation_requires_the_bearer_token_and_declares_401()
    {
        var operations = Operations(await GetDocumentAsync()).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, op =>
        {
            Assert.True(op.Operation.TryGetProperty("security", out var security), $"{op.Name} declares no security");
            Assert.Contains(security.EnumerateArray(), requirement => requirement.TryGetProperty(SchemeName, out _));
            Assert.Contains("401", Statuses(op.Operation));
        });
    }

    /// <summary>
    /// 403 wherever a role is needed; reading a notification needs only a token, and someone else's notification
    /// is a 404 so that its existence does not leak, so that operation must not promise a 403.
    /// </summary>
    [Fact]
    public async Task Operations_that_need_a_role_declare_403()
    {
        var operations = Operations(await GetDocumentAsync()).ToList();

        Assert.All(operations.Where(op => op.Name != "GET /api/notifications/{id}"),
            op => Assert.True(Statuses(op.Operation).Contains("403"), $"{op.Name} does not declare 403"));
        Assert.DoesNotContain("403", Statuses(operations.Single(op => op.Name == "GET /api/notifications/{id}").Operation));
    }

    [Theory]
    [InlineData("POST /api/notifications", "202 400 413 415 422")]
    [InlineData("GET /api/notifications", "200 400")]
    [InlineData("GET /api/notifications/{id}", "200 404")]
    [InlineData("GET /api/notifications/search", "200 400")]
    [InlineData("POST /api/notifications/cancellations", "200 202 400 404 413 415")]
    [InlineData("GET /api/dead-letters", "200 400")]
    [InlineData("GET /api/dead-letters/{id}", "200 404")]
    [InlineData("POST /api/dead-letters/{id}/replay", "200 202 404 422")]
    [InlineData("POST /api/dead-letters/replay", "200")]
    [InlineData("GET /api/templates", "200")]
    [InlineData("GET /api/templates/{key}", "200 404")]
    [InlineData("GET /api/templates/{key}/versions/{version}", "200 404")]
    [InlineData("PUT /api/templates/{key}", "201 400 413 415")]
    [InlineData("POST /api/templates/{key}/preview", "200 400 404 413 415")]
    public async Task An_operation_declares_each_status_its_handler_answers(string operation, string statuses)
    {
        var declared = Statuses(Operations(await GetDocumentAsync()).Single(op => op.Name == operation).Operation);

        Assert.All(statuses.Split(' '), status => Assert.True(declared.Contains(status), $"{operation} does not declare {status}"));
    }

    [Fact]
    public async Task The_api_reference_preselects_the_bearer_scheme()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/scalar/", token: null);
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadAsStringAsync();

        // Scalar's configuration as the page hands it to the UI: the token field of this scheme is offered first.
        Assert.Contains($"\"preferredSecurityScheme\":[\"{SchemeName}\"]", page);
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, DocumentPath, token: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from member in path.Value.EnumerateObject()
        where HttpMethods.Contains(member.Name)
        select ($"{member.Name.ToUpperInvariant()} {path.Name}", member.Value);

    private static HashSet<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
}
