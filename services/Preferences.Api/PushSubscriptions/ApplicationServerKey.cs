using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Preferences.Api.PushSubscriptions;

/// <summary>
/// `WebPush:PublicKey`: the VAPID public key (RFC 8292, base64url of the 65-byte P-256 point) the worker signs
/// pushes with. Only the public half comes here; the private one stays with the worker.
/// </summary>
public sealed class WebPushKeyOptions
{
    public const string SectionName = "WebPush";

    public string? PublicKey { get; set; }
}

/// <summary>
/// What a browser passes as `applicationServerKey` to `PushManager.subscribe()` (Push API §"PushSubscriptionOptions"):
/// a push service then accepts pushes for that subscription only when signed with the matching private key, so a
/// page must ask the platform for it before it can register a subscription here.
/// </summary>
public static class ApplicationServerKey
{
    public sealed record View(string ApplicationServerKey);

    public static Results<Ok<View>, ProblemHttpResult> Get(IOptions<WebPushKeyOptions> options) =>
        options.Value.PublicKey is { Length: > 0 } key
            ? TypedResults.Ok(new View(key))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Web push is not configured",
                detail: "This platform has no VAPID key pair (parameters vapid-public-key and vapid-private-key), so it sends no web push.");
}
