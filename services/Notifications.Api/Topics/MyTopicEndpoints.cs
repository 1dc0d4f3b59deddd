using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;

namespace Notifications.Api.Topics;

/// <summary>A person's own subscriptions (`/api/me/topics`): always the token's subject, never anyone else's.</summary>
public static class MyTopicEndpoints
{
    public static async Task<Results<Ok<List<MyTopicView>>, ForbidHttpResult>> ListAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        if (PersonOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var mine = await db.TopicSubscriptions.AsNoTracking().Where(s => s.UserId == userId)
            .Join(db.Topics, s => s.TopicKey, t => t.Key, (s, t) => new { t.Key, t.Name, s.SubscribedAt })
            .OrderBy(t => t.Key)
            .Select(t => new MyTopicView(t.Key, t.Name, t.SubscribedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(mine);
    }

    public static Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> SubscribeAsync(
        string key, ClaimsPrincipal user, NotificationsDbContext db, TopicSubscriptions subscriptions, CancellationToken ct) =>
        ChangeAsync(key, user, db, subscriptions.AddAsync, ct);

    public static Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> UnsubscribeAsync(
        string key, ClaimsPrincipal user, NotificationsDbContext db, TopicSubscriptions subscriptions, CancellationToken ct) =>
        ChangeAsync(key, user, db, subscriptions.RemoveAsync, ct);

    /// <summary>Idempotent both ways: subscribing twice, or unsubscribing from a topic one is not subscribed to, is a 204 all the same.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> ChangeAsync(string key, ClaimsPrincipal user,
        NotificationsDbContext db, Func<string, IReadOnlyList<string>, CancellationToken, Task<int>> change, CancellationToken ct)
    {
        if (PersonOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        if (!await db.Topics.AnyAsync(t => t.Key == key, ct))
        {
            return TopicEndpoints.Unknown(key);
        }
        await change(key, [userId], ct);
        return TypedResults.NoContent();
    }

    /// <summary>The subject as a user id, or null: a token without a usable one names no person (403).</summary>
    private static string? PersonOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { } sub && TopicRules.UserIdProblem(sub) is null ? sub : null;
}
