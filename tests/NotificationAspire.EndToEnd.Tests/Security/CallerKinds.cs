using System.Text;
using System.Text.Json.Nodes;

namespace NotificationAspire.EndToEnd.Tests.Security;

/// <summary>
/// A token for every caller kind of the authorization table, got as that caller would: service clients with client
/// credentials, people with the password grant, and the bad ones from the realm itself where a real attacker could
/// hold them (an expired token, a foreign-audience token) or by altering a real one (tampered).
/// </summary>
public sealed class CallerKinds(PlatformFixture platform)
{
    public const string NoToken = "no token";
    public const string Expired = "expired";
    public const string Tampered = "tampered";
    public const string WrongAudience = "wrong audience";

    /// <summary>Kinds whose token is not valid at all: the edge must answer exactly 401, whatever the operation.</summary>
    public static readonly string[] Invalid = [NoToken, Expired, Tampered, WrongAudience];

    private static readonly string[] People = ["operator", "support", "alice", "bob"];

    /// <summary>Every kind of the table to its token (null: none); the expired one is handed out once it is past expiry and skew.</summary>
    public async Task<string?> TokenAsync(string kind) => kind switch
    {
        NoToken => null,
        Expired => await ExpiredAsync(),
        Tampered => Tamper(await platform.GetTokenAsync(ServiceAccounts.OrderService)),
        WrongAudience => await platform.GetTokenAsync(ServiceAccounts.ForeignAudienceProbe),
        _ when People.Contains(kind) => await platform.GetUserTokenAsync(kind),
        _ => await platform.GetTokenAsync(kind),
    };

    private Task<string>? _shortLived;

    /// <summary>Asks for the 1-second token early, so that by the time the expired column runs it has long expired.</summary>
    public void StartExpiring() => _shortLived ??= platform.GetTokenAsync(ServiceAccounts.ShortLivedProbe);

    private async Task<string> ExpiredAsync()
    {
        StartExpiring();
        var token = await _shortLived!;
        var claims = Payload(token);
        // The realm gives this client 1-second tokens (access.token.lifespan); an identity provider that ignored it would
        // hand out the realm's 5 minutes, and this column would test nothing for that long.
        var lifetime = claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>();
        Assert.True(lifetime <= 5, $"{ServiceAccounts.ShortLivedProbe}'s token lives {lifetime} s, not the client's 1 s.");
        // Past exp plus the services' 10 s clock skew (AuthenticationExtensions.ClockSkew), and a second to spare.
        var usableUntil = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]!.GetValue<long>()) + TimeSpan.FromSeconds(11);
        if (usableUntil > DateTimeOffset.UtcNow)
        {
            await Task.Delay(usableUntil - DateTimeOffset.UtcNow);
        }
        return token;
    }

    /// <summary>A real order-service token that now claims `notifications.admin`, its signature left as it was.</summary>
    public static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        payload["realm_access"] = new JsonObject { ["roles"] = new JsonArray("notifications.admin", "notifications.send", "recipients.write", "recipients.read") };
        return $"{parts[0]}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }

    private static JsonObject Payload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='));
        return JsonNode.Parse(json)!.AsObject();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
