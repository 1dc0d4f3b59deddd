using System.Security.Claims;
using NotificationAspire.Http;

namespace Inbox.Api.People;

/// <summary>
/// Whose inbox a token opens: the person's user id is their token's subject, as in preferences-api's `/api/me`
/// (the realm gives people stable ids, and senders address people by them).
/// </summary>
public static class Person
{
    public const int MaxUserIdLength = 200;

    /// <summary>The caller's user id, or null for a token without a usable subject (which names no person).</summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { Length: > 0 and <= MaxUserIdLength } sub && TextRules.IsSingleLine(sub) ? sub : null;
}
