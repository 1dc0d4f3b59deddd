using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NotificationAspire.Contracts.Recipients;

/// <summary>
/// The signed, expiring part of a one-click unsubscribe link (RFC 8058): it names a person, a category and a
/// channel, and is its own authorization (no login). The worker signs it into each non-critical email;
/// `preferences-api` verifies it with the same key. Form: `{userId, base64url}.{category}.{channel}.{expiry,
/// unix seconds}.{HMAC-SHA256 of the rest, base64url}`; safe in a URL path segment.
/// </summary>
public sealed record UnsubscribeToken(string UserId, string Category, string Channel, DateTimeOffset ExpiresAt)
{
    /// <summary>Keys shorter than this are refused: the key is all that stands between a link and a forgery.</summary>
    public const int MinKeyLength = 32;

    public string Sign(byte[] key)
    {
        var unsigned = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(UserId))}.{Category}.{Channel}.{ExpiresAt.ToUnixTimeSeconds()}";
        return $"{unsigned}.{Base64Url.EncodeToString(Mac(key, unsigned))}";
    }

    /// <summary>The token's claims when its signature holds and it has not expired; null otherwise (never says which).</summary>
    public static UnsubscribeToken? Verify(string token, byte[] key, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 5 || !Base64Url.IsValid(parts[4]) || !Base64Url.IsValid(parts[0])
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }
        var unsigned = token[..token.LastIndexOf('.')];
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, unsigned), Base64Url.DecodeFromChars(parts[4])))
        {
            return null;
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiry);
        return now >= expiresAt ? null : new UnsubscribeToken(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])), parts[1], parts[2], expiresAt);
    }

    /// <summary>
    /// The configured key: a secret of at least <see cref="MinKeyLength"/> characters (the AppHost generates one as a
    /// secret parameter), used as its UTF-8 bytes. Checked at start, so a short or missing key stops the service.
    /// </summary>
    public static byte[] ParseKey(string? secret) =>
        secret is { Length: >= MinKeyLength }
            ? Encoding.UTF8.GetBytes(secret)
            : throw new InvalidOperationException($"Unsubscribe:SigningKey must be a secret of at least {MinKeyLength} characters.");

    private static byte[] Mac(byte[] key, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
}
