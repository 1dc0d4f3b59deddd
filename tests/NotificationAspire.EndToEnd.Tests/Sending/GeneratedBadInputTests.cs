using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NotificationAspire.EndToEnd.Tests.Sending;

/// <summary>
/// Hundreds of generated bad send requests through the gateway, on one plain connection (no retries to hide
/// a failure): each is a 4xx problem, none is stored, an oversize one does not break the connection the
/// next caller uses, and the platform still delivers afterwards.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GeneratedBadInputTests(PlatformFixture platform)
{
    private const int RandomMixes = 200;
    private const int Seed = 20261201;
    private readonly PlatformApi _api = new(platform);
    private readonly MailSink _mail = new(platform);

    [Fact]
    public async Task Every_generated_bad_request_is_a_4xx_problem_nothing_is_stored_and_delivery_goes_on()
    {
        // Bad requests come from a sender no other test uses, so "nothing stored" is its list staying empty.
        var badSender = await platform.GetTokenAsync(ServiceAccounts.BillingService);
        var goodSender = await platform.GetTokenAsync(ServiceAccounts.OrderService);
        var storedBefore = await CountStoredAsync(badSender);
        // Plain on purpose, not PlatformApi: a handler of its own with one connection, so the request after an
        // oversize body goes on the connection that body used, and no client factory's handlers (a retry, one day) to hide a failure.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 })
        {
            BaseAddress = platform.App.GetEndpoint(Contracts.ResourceNames.Gateway, "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };

        var failures = new List<string>();
        var cases = BadSendRequests.All(RandomMixes, Seed).ToList();
        foreach (var bad in cases)
        {
            var (status, contentType) = await SendAsync(http, badSender, bad);
            if (status is < 400 or >= 500 || contentType != "application/problem+json")
            {
                failures.Add($"{bad}: {status} {contentType}");
            }
            if (bad.Oversize)
            {
                // The caller after an oversize body, on the same connection, is served as if nothing happened.
                var (next, _) = await SendAsync(http, goodSender, new BadSendRequests.Case("valid", ValidBody($"{Guid.NewGuid():N}@example.com")));
                if (next != (int)HttpStatusCode.Accepted)
                {
                    failures.Add($"valid send after {bad}: {next}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} answered wrongly:\n{string.Join('\n', failures)}");
        Assert.Equal(storedBefore, await CountStoredAsync(badSender));
        Assert.Empty(await _mail.SearchAsync("bad-input@example.com"));

        var address = $"{Guid.NewGuid():N}@example.com";
        using var after = await _api.PostNotificationAsync(goodSender, PlatformApi.EmailTo(address, "Still delivering"));
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        Assert.Single(await _mail.WaitForMessagesToAsync(address, 1, TimeSpan.FromSeconds(45)));
    }

    /// <summary>The answer's status and media type; a reset connection or timeout counts as a failure with status 0.</summary>
    private static async Task<(int Status, string? ContentType)> SendAsync(HttpClient http, string token, BadSendRequests.Case bad)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications")
        {
            Content = bad.Chunked ? new StreamContent(new MemoryStream(bad.Body)) : new ByteArrayContent(bad.Body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.TransferEncodingChunked = bad.Chunked;
        if (bad.ContentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
        }
        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType);
        }
        catch (HttpRequestException ex)
        {
            return (0, ex.Message);
        }
        catch (TaskCanceledException)
        {
            return (0, "no answer in time");
        }
    }

    private static byte[] ValidBody(string address) => JsonSerializer.SerializeToUtf8Bytes(PlatformApi.EmailTo(address, "After an oversize body"));

    private async Task<int> CountStoredAsync(string token)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/notifications?take=200", token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength();
    }
}
