using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace NotificationAspire.Standins.PushService.Push;

/// <summary>
/// The checks a push service makes on `Authorization: vapid t=JWT, k=KEY` (RFC 8292 §3): the key is a P-256
/// point, the JWT is ES256-signed by it, its `aud` is this push resource's origin, `exp` is in the future and at
/// most 24 hours away, and `sub` gives a contact. The key must be the one the subscription was made with.
/// </summary>
public static class VapidCheck
{
    /// <summary>Null when the header passes; otherwise why not (the 401/403 body).</summary>
    /// <param name="audiences">This push resource's origin; see <see cref="AudiencesOf"/>.</param>
    public static string? Problem(string? header, IReadOnlyList<string> audiences, string expectedKey, DateTimeOffset now, out string subject)
    {
        subject = "";
        if (header is null || !header.StartsWith("vapid ", StringComparison.OrdinalIgnoreCase))
        {
            return "Authorization must be the vapid scheme (RFC 8292).";
        }
        var parameters = header[6..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var key))
        {
            return "The vapid scheme needs t (the JWT) and k (the public key).";
        }
        if (expectedKey.Length > 0 && key != expectedKey)
        {
            return "k is not the application server key this subscription was made with.";
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "t is not a JWS compact serialization.";
        }
        try
        {
            var point = Base64Url.DecodeFromChars(key);
            if (point is not { Length: 65 } || point[0] != 4)
            {
                return "k is not an uncompressed P-256 point.";
            }
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            using var header0 = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header0.RootElement.GetProperty("alg").GetString() != "ES256")
            {
                return "The JWT must be signed with ES256.";
            }
            // JWS ES256 signatures are r||s (64 bytes), the IEEE P1363 form .NET verifies by default.
            if (!ecdsa.VerifyData(System.Text.Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256))
            {
                return "The JWT's signature does not verify with k.";
            }
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = claims.RootElement;
            if (!root.TryGetProperty("aud", out var aud) || !audiences.Contains(aud.GetString()))
            {
                return $"aud must be this push resource's origin, {audiences[0]}.";
            }
            if (!root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires)
                || expires <= now.ToUnixTimeSeconds() || expires > now.AddHours(24).ToUnixTimeSeconds())
            {
                return "exp must be in the future and at most 24 hours away.";
            }
            subject = root.TryGetProperty("sub", out var sub) ? sub.GetString() ?? "" : "";
            return subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https:", StringComparison.Ordinal)
                ? null
                : "sub should be a mailto: or https: contact for the operator.";
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException or KeyNotFoundException or InvalidOperationException)
        {
            return $"The vapid credentials do not parse: {ex.Message}";
        }
    }

    /// <summary>
    /// The origin (RFC 6454: scheme, host and a non-default port), and the same without the port: Lib.Net.Http.WebPush
    /// builds `aud` from scheme and host only. Real push services listen on 443, where the two are one origin; the
    /// stand-in listens on another port, so it accepts that spelling rather than refuse the client production uses.
    /// </summary>
    public static IReadOnlyList<string> AudiencesOf(HttpRequest request) =>
        [$"{request.Scheme}://{request.Host.Value}", $"{request.Scheme}://{request.Host.Host}"];
}
