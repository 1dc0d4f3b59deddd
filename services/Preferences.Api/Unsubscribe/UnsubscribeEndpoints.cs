using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Preferences;
using Preferences.Api.Recipients;

namespace Preferences.Api.Unsubscribe;

/// <summary>
/// One-click unsubscribe (RFC 8058). The link's signed token is the only authorization. GET only asks: mail
/// scanners and link previews fetch every GET in a message, so a GET that unsubscribed would unsubscribe
/// people who never clicked. The POST (a mail client's one-click, or the page's button) records the opt-out.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string TokenField = "token";
    public const string FormField = "List-Unsubscribe";
    public const string OneClick = "One-Click";
    private const int MaxFormBytes = 4 * 1024;

    public static Results<ContentHttpResult, ValidationProblem> Show(string token, UnsubscribeLinks links, HttpResponse response)
    {
        if (Verified(token, links) is not { } claims)
        {
            return FieldErrors.Single(TokenField, UnsubscribeLinks.InvalidMessage);
        }
        Protect(response);
        return TypedResults.Content(UnsubscribePages.Question(claims), UnsubscribePages.HtmlContentType);
    }

    public static async Task<Results<Ok<UnsubscribeConfirmation>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        string token, HttpRequest http, UnsubscribeLinks links, PreferenceStore store, CancellationToken ct)
    {
        if (Verified(token, links) is not { } claims)
        {
            return FieldErrors.Single(TokenField, UnsubscribeLinks.InvalidMessage);
        }
        var (invalid, refused) = await CheckFormAsync(http, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (refused is not null)
        {
            return refused;
        }
        if (KnownChannels.All.Contains(claims.Channel))
        {
            await store.OptOutAsync(claims.UserId, claims.Category, claims.Channel, ct);
        }
        Protect(http.HttpContext.Response);
        return AcceptsHtml(http)
            ? TypedResults.Content(UnsubscribePages.Confirmation(claims, token), UnsubscribePages.HtmlContentType)
            : TypedResults.Ok(new UnsubscribeConfirmation(claims.Category, claims.Channel, Subscribed: false));
    }

    /// <summary>
    /// The confirmation page's "Undo": the same signed link, so whoever could unsubscribe can take it back (a mis-click,
    /// or a mail scanner that did POST). A separate address, so the RFC 8058 POST keeps its one meaning.
    /// </summary>
    public static async Task<Results<Ok<UnsubscribeConfirmation>, ContentHttpResult, ValidationProblem>> UndoAsync(
        string token, HttpRequest http, UnsubscribeLinks links, PreferenceStore store, CancellationToken ct)
    {
        if (Verified(token, links) is not { } claims)
        {
            return FieldErrors.Single(TokenField, UnsubscribeLinks.InvalidMessage);
        }
        if (KnownChannels.All.Contains(claims.Channel))
        {
            await store.ResubscribeAsync(claims.UserId, claims.Category, claims.Channel, ct);
        }
        Protect(http.HttpContext.Response);
        return AcceptsHtml(http)
            ? TypedResults.Content(UnsubscribePages.Resubscribed(claims), UnsubscribePages.HtmlContentType)
            : TypedResults.Ok(new UnsubscribeConfirmation(claims.Category, claims.Channel, Subscribed: true));
    }

    /// <summary>A verified token whose user id is one the service could hold; anything else is a broken link.</summary>
    private static UnsubscribeToken? Verified(string token, UnsubscribeLinks links) =>
        links.Verify(token) is { } claims && RecipientRules.UserIdProblem(claims.UserId) is null ? claims : null;

    /// <summary>
    /// RFC 8058's body is the form `List-Unsubscribe=One-Click` (urlencoded or multipart); the page's button sends
    /// the same, and an empty body is accepted too. A form naming something else, or one that does not parse, is 400.
    /// </summary>
    private static async Task<(ValidationProblem? Invalid, ProblemHttpResult? Refused)> CheckFormAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasFormContentType)
        {
            return (null, null);
        }
        if (http.ContentLength > MaxFormBytes)
        {
            return (null, TooLarge());
        }
        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxFormBytes; // a chunked body stops here too
        }
        try
        {
            var form = await http.ReadFormAsync(ct);
            return form.TryGetValue(FormField, out var value) && value.ToString() != OneClick
                ? (FieldErrors.Single(FormField, $"Send {FormField}={OneClick}, or no body."), null)
                : (null, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (FieldErrors.Single(FormField, "The form body could not be read."), null);
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large", detail: $"An unsubscribe form is at most {MaxFormBytes} bytes.");

    private static bool AcceptsHtml(HttpRequest http) =>
        http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The page's address carries the token: keep it out of caches and out of the Referer of any link followed.
    /// The page loads nothing and may not be framed (its button is worth clickjacking), and posts only to itself.
    /// </summary>
    private static void Protect(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'";
        response.Headers["X-Robots-Tag"] = "noindex";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>The body RFC 8058 has mail clients send (`List-Unsubscribe=One-Click`), as the OpenAPI document shows it.</summary>
public sealed record OneClickForm([property: JsonPropertyName(UnsubscribeEndpoints.FormField)] string? ListUnsubscribe);

/// <summary>The JSON answer of a one-click POST: that person no longer gets the category on the channel.</summary>
public sealed record UnsubscribeConfirmation(string Category, string Channel, bool Subscribed);
