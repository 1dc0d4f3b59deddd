using System.Net;

namespace NotificationAspire.Webhooks;

/// <summary>
/// What is wrong with a URL someone registers to receive webhooks, in words for a 400 at its field. An address
/// literal the SSRF guard would refuse is refused here already, with the reason; a name is vetted each time a
/// message is sent (<see cref="SsrfGuard.ConnectAsync"/>), since what it resolves to can change.
/// </summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    public static IEnumerable<string> Problems(string? url, bool allowPlainHttp, SsrfGuard guard)
    {
        // Control characters and line separators would end up in a request line.
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength || url.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield return $"An absolute https URL of at most {MaxLength} characters is required.";
            yield break;
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowPlainHttp))
        {
            yield return allowPlainHttp ? "The URL must be http or https." : "The URL must be https: payloads and signatures travel over TLS.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return "No user name, password or fragment in the URL; authenticate the messages by their signature.";
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && guard.RefusalFor(address) is { } refusal)
        {
            yield return $"Webhooks may not target {refusal}.";
        }
    }
}
