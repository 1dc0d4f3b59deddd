using System.Buffers.Text;
using System.Security.Cryptography;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;

namespace Preferences.Api.PushSubscriptions;

/// <summary>A subscription as validated: what the worker can encrypt for (RFC 8291) and POST to (RFC 8030).</summary>
public sealed record ValidSubscription(string Endpoint, string P256dh, string Auth, DateTimeOffset? ExpiresAt);

/// <summary>
/// Checks a browser's subscription before it is kept, so a send never finds out later that it cannot encrypt for
/// it: an absolute https endpoint (http only outside production, where the push service stand-in listens), a
/// p256dh that is a point on P-256 in uncompressed form, and a 16-byte auth secret (RFC 8291 §3.1-3.2).
/// </summary>
public static class PushSubscriptionRules
{
    public static ValidSubscription? Validate(PushSubscriptionRequest request, bool allowHttp, FieldErrors errors)
    {
        var endpoint = request.Endpoint?.Trim();
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > PushSubscriptionLimits.MaxEndpointLength)
        {
            errors.Add("endpoint", $"The push service's URL is required, at most {PushSubscriptionLimits.MaxEndpointLength} characters.");
        }
        else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || allowHttp && uri.Scheme == Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add("endpoint", allowHttp ? "An absolute http(s) URL without user info or fragment." : "An absolute https URL (RFC 8030 requires TLS) without user info or fragment.");
        }
        var p256dh = Decode(request.Keys?.P256dh);
        if (p256dh is not { Length: 65 } || p256dh[0] != 4 || !IsOnCurve(p256dh))
        {
            errors.Add("keys.p256dh", "The browser's public key: base64url of a 65-byte uncompressed P-256 point.");
        }
        var auth = Decode(request.Keys?.Auth);
        if (auth is not { Length: 16 })
        {
            errors.Add("keys.auth", "The browser's authentication secret: base64url of 16 bytes.");
        }
        DateTimeOffset? expiresAt = null;
        if (request.ExpirationTime is { } ms)
        {
            if (double.IsFinite(ms) && ms >= 0 && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
            }
            else
            {
                errors.Add("expirationTime", "Milliseconds since the epoch, or null.");
            }
        }
        return errors.Any ? null : new ValidSubscription(endpoint!, Base64Url.EncodeToString(p256dh!), Base64Url.EncodeToString(auth!), expiresAt);
    }

    /// <summary>Browsers send unpadded base64url; padding is tolerated and dropped.</summary>
    private static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return null;
        }
        try
        {
            return Base64Url.DecodeFromChars(text.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>65 bytes of the right shape can still be no point of the curve; nothing could be encrypted for it.</summary>
    private static bool IsOnCurve(byte[] point)
    {
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..65] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
