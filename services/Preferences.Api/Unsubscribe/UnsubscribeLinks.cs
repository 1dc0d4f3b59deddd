using System.Text;
using Microsoft.Extensions.Options;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.Unsubscribe;

/// <summary>Checks an unsubscribe link's token against the shared key and the clock.</summary>
public sealed class UnsubscribeLinks(IOptions<UnsubscribeOptions> options, TimeProvider time)
{
    private readonly Lazy<byte[]> key = new(() => UnsubscribeToken.ParseKey(options.Value.SigningKey));

    public const string InvalidMessage = "This unsubscribe link is not valid or has expired.";

    /// <summary>The token's claims, or null for a forged, altered, malformed or expired one.</summary>
    public UnsubscribeToken? Verify(string token)
    {
        try
        {
            return UnsubscribeToken.Verify(token, key.Value, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or DecoderFallbackException)
        {
            return null; // the token's parts decoded to something that is not text or not a time: a broken link
        }
    }
}
