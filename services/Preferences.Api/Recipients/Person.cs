using System.Security.Claims;

namespace Preferences.Api.Recipients;

/// <summary>Who `/api/me/**` is about: the caller's token subject, when it is a usable user id.</summary>
public static class Person
{
    /// <summary>The subject as a user id, or null (a token without one names no person: the endpoints answer 403).</summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { } sub && RecipientRules.UserIdProblem(sub) is null ? sub : null;
}
