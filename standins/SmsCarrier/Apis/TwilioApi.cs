using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NotificationAspire.Standins.SmsCarrier.Carrier;

namespace NotificationAspire.Standins.SmsCarrier.Apis;

/// <summary>
/// Twilio's Programmable Messaging create call: form-encoded `To`, `From`, `Body`, HTTP basic authentication
/// with the account SID and auth token; 201 with the message resource, or Twilio's error body.
/// </summary>
public static class TwilioApi
{
    public static IEndpointRouteBuilder MapTwilioApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", CreateMessage).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> CreateMessage(string accountSid, HttpRequest request, IOptions<CarrierAccounts> accounts,
        ReceivedMessages received, ProviderBehaviours behaviours, TimeProvider time, CancellationToken ct)
    {
        if (await behaviours.ApplyAsync("twilio", ct) is { } failure)
        {
            return Error(failure, 20500, "An internal server error has occurred (told to fail).");
        }
        if (!Authorized(request, accountSid, accounts.Value))
        {
            return Error(StatusCodes.Status401Unauthorized, 20003, "Authenticate");
        }
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, 21606, "Expected application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync(ct);
        var (to, from, body) = (form["To"].ToString(), form["From"].ToString(), form["Body"].ToString());
        if (!E164.IsMatch(to))
        {
            return Error(StatusCodes.Status400BadRequest, 21211, $"The 'To' number {to} is not a valid phone number.");
        }
        if (body.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, 21602, "Message body is required.");
        }

        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var segments = SegmentCounter.Count(body);
        var now = time.GetUtcNow();
        received.Add(new ReceivedMessage(sid, "twilio", from, to, body, segments, now));
        return Results.Json(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = accountSid,
            ["to"] = to,
            ["from"] = from,
            ["body"] = body,
            ["status"] = "queued",
            ["num_segments"] = segments.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["date_created"] = now.ToString("r"),
            ["uri"] = $"/2010-04-01/Accounts/{accountSid}/Messages/{sid}.json",
        }, statusCode: StatusCodes.Status201Created);
    }

    private static bool Authorized(HttpRequest request, string accountSid, CarrierAccounts accounts)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal) || accounts.TwilioAuthToken.Length == 0)
        {
            return false;
        }
        var expected = Encoding.UTF8.GetBytes($"{accounts.TwilioAccountSid}:{accounts.TwilioAuthToken}");
        byte[] given;
        try
        {
            given = Convert.FromBase64String(header["Basic ".Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        return accountSid == accounts.TwilioAccountSid && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static IResult Error(int status, int code, string message) => Results.Json(new
    {
        code,
        message,
        more_info = $"https://www.twilio.com/docs/errors/{code}",
        status,
    }, statusCode: status);

    private static readonly System.Text.RegularExpressions.Regex E164 = new(@"^\+[1-9][0-9]{1,14}$");
}
