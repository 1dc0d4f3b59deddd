using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NotificationAspire.Standins.SmsCarrier.Carrier;

namespace NotificationAspire.Standins.SmsCarrier.Apis;

/// <summary>
/// Vonage's SMS API: `POST /sms/json` with `api_key`, `api_secret`, `from`, `to` (digits, no '+'), `text` and
/// `type` (`text` or `unicode`), as JSON or a form. It answers 200 with one entry per part; each part's
/// `status` is "0" when accepted, otherwise a code and `error-text` (2 missing, 3 invalid, 4 bad credentials).
/// </summary>
public static class VonageApi
{
    public static IEndpointRouteBuilder MapVonageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sms/json", Send).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Send(HttpRequest request, IOptions<CarrierAccounts> accounts,
        ReceivedMessages received, ProviderBehaviours behaviours, TimeProvider time, CancellationToken ct)
    {
        if (await behaviours.ApplyAsync("vonage", ct) is { } failure)
        {
            return Results.Text("Service Unavailable (told to fail)", statusCode: failure);
        }
        var fields = await ReadAsync(request, ct);
        string Field(string name) => fields.GetValueOrDefault(name) ?? "";
        var account = accounts.Value;
        if (account.VonageApiSecret.Length == 0 || Field("api_key") != account.VonageApiKey
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(Field("api_secret")), System.Text.Encoding.UTF8.GetBytes(account.VonageApiSecret)))
        {
            return Refused("4", "Bad Credentials");
        }
        var (from, to, text) = (Field("from"), Field("to"), Field("text"));
        if (from.Length == 0 || to.Length == 0 || text.Length == 0)
        {
            return Refused("2", "Missing from, to or text");
        }
        if (to.StartsWith('+') || !to.All(char.IsAsciiDigit) || to.Length > 15)
        {
            return Refused("3", "Invalid to: digits only, in international format without '+'");
        }
        if (Field("type") != "unicode" && !SegmentCounter.IsGsm7(text))
        {
            // Vonage would garble it; the stand-in refuses so a client that forgets `type: unicode` is caught.
            return Refused("6", "Message is not GSM-7; send it with type unicode");
        }

        var segments = SegmentCounter.Count(text);
        var ids = Enumerable.Range(0, segments).Select(_ => Convert.ToHexString(RandomNumberGenerator.GetBytes(8))).ToList();
        received.Add(new ReceivedMessage(ids[0], "vonage", from, "+" + to, text, segments, time.GetUtcNow()));
        return Results.Json(new JsonObject
        {
            ["message-count"] = segments.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["messages"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject
            {
                ["to"] = to,
                ["message-id"] = id,
                ["status"] = "0",
                ["remaining-balance"] = "10.00",
                ["message-price"] = "0.03",
                ["network"] = "26201",
            })]),
        });
    }

    private static async Task<Dictionary<string, string?>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString());
        }
        try
        {
            var json = await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
            return json?.ToDictionary(p => p.Key, p => p.Value?.ToString()) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static IResult Refused(string status, string errorText) => Results.Json(new JsonObject
    {
        ["message-count"] = "1",
        ["messages"] = new JsonArray(new JsonObject { ["status"] = status, ["error-text"] = errorText }),
    });
}
