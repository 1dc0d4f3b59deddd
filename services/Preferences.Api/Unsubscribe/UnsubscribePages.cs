using System.Text.Encodings.Web;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.Unsubscribe;

/// <summary>The two pages a person sees: the question (GET) and the confirmation (POST). No scripts, no outside resources.</summary>
public static class UnsubscribePages
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>A button that POSTs back to the page's own address, with the body a mail client would send.</summary>
    public static string Question(UnsubscribeToken token) => Page("Unsubscribe?", $"""
        <p>Stop receiving <strong>{Describe(token)}</strong>?</p>
        <form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click">
          <button type="submit">Unsubscribe</button>
        </form>
        """);

    public static string Confirmation(UnsubscribeToken token) => Page("Unsubscribed", $"""
        <p>You will no longer receive <strong>{Describe(token)}</strong>.</p>
        <p>You can change this at any time in your notification preferences.</p>
        """);

    private static string Describe(UnsubscribeToken token) =>
        $"{HtmlEncoder.Default.Encode(token.Category)} notifications by {HtmlEncoder.Default.Encode(token.Channel)}";

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
        <title>{title}</title></head>
        <body>
        <h1>{title}</h1>
        {body}
        </body>
        </html>
        """;
}
