using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Security;

/// <summary>
/// Every operation of the OpenAPI documents the gateway serves, called through the gateway by every caller kind of
/// docs/security.md's table, answers as the table says: nothing the table denies is granted, nothing it grants is
/// refused, and an operation without a row (a new endpoint nobody decided about) fails the test by name.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationMatrixTests(PlatformFixture platform)
{
    private static readonly string[] Documents = ["/openapi/notifications-api.json", "/openapi/preferences-api.json", "/openapi/inbox-api.json"];
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch"];
    private readonly PlatformApi _api = new(platform);
    private readonly AuthorizationTable _table = AuthorizationTable.Load();

    [Fact]
    public async Task Every_operation_has_a_row_and_names_the_policy_its_row_says()
    {
        var operations = await OperationsAsync();

        var missing = operations.Keys.Where(op => !_table.Rows.ContainsKey(op)).ToList();
        var stale = _table.Rows.Keys.Where(op => !operations.ContainsKey(op)).ToList();
        var unnamed = operations.Where(op => op.Value == "none").Select(op => op.Key).ToList();
        var differing = operations.Where(op => _table.Rows.TryGetValue(op.Key, out var row) && row.Policy != op.Value)
            .Select(op => $"{op.Key}: the endpoint names '{op.Value}', the table '{_table.Rows[op.Key].Policy}'").ToList();

        Assert.True(missing.Count == 0, $"Operations without a row in docs/security.md: {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"Rows of docs/security.md no API serves: {string.Join(", ", stale)}");
        Assert.True(unnamed.Count == 0, $"Endpoints that name no authorization policy: {string.Join(", ", unnamed)}");
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    [Fact]
    public async Task Every_caller_kind_gets_what_the_table_says_on_every_operation()
    {
        var callers = new CallerKinds(platform);
        callers.StartExpiring();
        var operations = (await OperationsAsync()).Keys.Where(_table.Rows.ContainsKey).ToList();
        Assert.NotEmpty(operations);

        var failures = new List<string>();
        // The expired column last: its token is asked for first and needs its lifetime and the clock skew to pass.
        foreach (var caller in _table.Callers.OrderBy(c => c == CallerKinds.Expired))
        {
            var token = await callers.TokenAsync(caller);
            foreach (var operation in operations)
            {
                var status = await CallAsync(operation, token);
                var allowed = _table.Rows[operation].AllowedFor[caller];
                var wrong = allowed
                    ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)status >= 500
                    : CallerKinds.Invalid.Contains(caller) ? status != HttpStatusCode.Unauthorized : status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                if (wrong)
                {
                    failures.Add($"{operation} as {caller}: {(int)status}, the table says {(allowed ? "allowed" : "denied")}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} cells answered against docs/security.md:\n{string.Join('\n', failures)}");
    }

    /// <summary>
    /// One call with plausible path values and a body every API refuses as invalid (an unknown field), so an allowed
    /// caller changes nothing: authorization is decided before the body is read.
    /// </summary>
    private async Task<HttpStatusCode> CallAsync(string operation, string? token)
    {
        var (method, template) = (operation[..operation.IndexOf(' ')], operation[(operation.IndexOf(' ') + 1)..]);
        var path = template.Replace("{id}", Guid.NewGuid().ToString()).Replace("{notificationId}", Guid.NewGuid().ToString()).Replace("{key}", "matrix-probe").Replace("{version}", "1")
            .Replace("{userId}", "matrix-probe-user").Replace("{token}", "not-a-signed-link");
        HttpContent? Body() => method switch
        {
            "GET" or "DELETE" => null,
            _ when template.StartsWith("/api/unsubscribe/", StringComparison.Ordinal) =>
                new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }),
            _ => JsonContent.Create(new { matrixProbe = true }),
        };
        // Headers only: an allowed caller of an event stream gets a response that never ends.
        using var response = await WithinBudgetAsync(() => _api.SendAsync(new HttpMethod(method), path, token, Body(), completion: HttpCompletionOption.ResponseHeadersRead));
        return response.StatusCode;
    }

    /// <summary>
    /// Sends again after a 429: the callers without a valid token share one budget per IP address (the gateway's
    /// `RateLimiting:Anonymous`), which a table this long spends; a 429 says nothing about authorization.
    /// </summary>
    private static async Task<HttpResponseMessage> WithinBudgetAsync(Func<Task<HttpResponseMessage>> send)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || DateTime.UtcNow > until)
            {
                return response;
            }
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait); // the budget refills; waiting for it is the point
        }
    }

    /// <summary>"METHOD /path" of every operation the gateway's documents describe, with the policy each names.</summary>
    private async Task<Dictionary<string, string>> OperationsAsync()
    {
        var operations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in Documents)
        {
            using var response = await WithinBudgetAsync(() => _api.SendAsync(HttpMethod.Get, document, token: null));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var root = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var path in root.GetProperty("paths").EnumerateObject())
            {
                foreach (var member in path.Value.EnumerateObject().Where(m => HttpMethods.Contains(m.Name)))
                {
                    var policy = member.Value.TryGetProperty(OpenApiPolicyExtension, out var named) ? named.GetString() ?? "none" : "none";
                    operations[$"{member.Name.ToUpperInvariant()} {path.Name}"] = policy;
                }
            }
        }
        return operations;
    }

    private const string OpenApiPolicyExtension = "x-authorization-policy";
}
