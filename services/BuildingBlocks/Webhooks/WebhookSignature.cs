using System.Security.Cryptography;
using System.Text;

namespace NotificationAspire.Webhooks;

/// <summary>
/// Standard Webhooks signatures: `webhook-signature` is `v1,` and the base64 HMAC-SHA256 of
/// `{webhook-id}.{webhook-timestamp}.{raw body}`, one per secret, space-separated, so a receiver keeps
/// verifying while an endpoint's secret is rotated (old and new both sign).
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>How far a receiver lets the timestamp stray from its clock (the spec suggests about 5 minutes).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string id, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IEnumerable<WebhookSecret> secrets)
    {
        var signed = Signed(id, timestamp.ToUnixTimeSeconds(), body);
        return string.Join(' ', secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(s.Key, signed))));
    }

    /// <summary>What a receiver does: true when any `v1` signature matches <paramref name="secret"/> and the timestamp is fresh.</summary>
    public static bool Verify(string id, string timestamp, string signatures, ReadOnlySpan<byte> body, WebhookSecret secret, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(secret.Key, Signed(id, seconds, body));
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var buffer = new byte[64];
            if (signature.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(signature[3..], buffer, out var length)
                && CryptographicOperations.FixedTimeEquals(buffer.AsSpan(0, length), expected))
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] Signed(string id, long seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{seconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }
}
