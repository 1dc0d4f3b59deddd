using System.Text.Encodings.Web;
using NotificationAspire.Contracts.Recipients;

namespace Preferences.Api.Unsubscribe;

/// <summary>The pages a person sees: the question (GET), the confirmation with an undo (POST), and the undo's. No scripts, no outside resources.</summary>
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

    /// <summary>The undo posts to the link's own address plus "/undo" (relative: the page is at /api/unsubscribe/{token}).</summary>
    public static string Confirmation(UnsubscribeToken token, string linkToken) => Page("Unsubscribed", $"""
        <p id="outcome">You will no longer receive <strong>{Describe(token)}</strong>.</p>
        <form method="post" action="{HtmlEncoder.Default.Encode(Uri.EscapeDataString(linkToken))}/undo">
          <button type="submit" id="undo">Undo: keep receiving them</button>
        </form>
        <p>You can change this at any time in your notification preferences (<a href="/console/preferences.html">sign in</a>).</p>
        """);

    public static string Resubscribed(UnsubscribeToken token) => Page("Subscribed again", $"""
        <p id="outcome">You will receive <strong>{Describe(token)}</strong> again.</p>
        <p>You can change this at any time in your notification preferences (<a href="/console/preferences.html">sign in</a>).</p>
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
