using System.Security.Cryptography;

namespace NotificationAspire.Webhooks;

/// <summary>
/// An endpoint's signing secret as Standard Webhooks shows it: `whsec_` and the base64 of 24 to 64 random bytes.
/// Shorter keys are refused (a library that accepts an empty key signs with nothing).
/// </summary>
public sealed class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;

    private WebhookSecret(byte[] key) => Key = key;

    public byte[] Key { get; }

    public static WebhookSecret New() => new(RandomNumberGenerator.GetBytes(32));

    public static bool TryParse(string? text, out WebhookSecret secret)
    {
        secret = null!;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var key = new byte[MaxBytes + 3];
        if (!Convert.TryFromBase64String(text[Prefix.Length..], key, out var length) || length is < MinBytes or > MaxBytes)
        {
            return false;
        }
        secret = new WebhookSecret(key[..length]);
        return true;
    }

    public override string ToString() => Prefix + Convert.ToBase64String(Key);
}
