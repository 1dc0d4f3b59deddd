using System.Security.Claims;
using Inbox.Api.Inbox;
using Inbox.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NotificationAspire.Http;

namespace Inbox.Api.Center;

public static class NotificationCenterEndpoints
{
    /// <summary>`GET /api/notification-center`: the person's page in one call, paged like `/api/inbox`.</summary>
    public static async Task<Results<Ok<NotificationCenterView>, ValidationProblem, ForbidHttpResult>> GetAsync(ClaimsPrincipal user, HttpRequest http,
        NotificationCenter center, int? first, string? after, string? category, string? status, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId || BearerOf(http) is not { } token)
        {
            return TypedResults.Forbid();
        }
        var errors = new FieldErrors();
        var page = InboxPaging.Read(first, after, category, status, errors);
        return page is null ? errors.ToProblem() : TypedResults.Ok(await center.ComposeAsync(userId, token, page, ct));
    }

    /// <summary>The caller's own token, passed on to preferences-api so it answers for the same person.</summary>
    private static string? BearerOf(HttpRequest http) =>
        http.Headers[HeaderNames.Authorization].ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
}
