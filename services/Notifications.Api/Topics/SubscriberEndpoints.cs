using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using NotificationAspire.Contracts;

namespace Notifications.Api.Topics;

/// <summary>Senders subscribe and unsubscribe people in bulk (up to 10,000 a call, idempotent) and page through a topic's subscribers.</summary>
public static class SubscriberEndpoints
{
    public static Task<Results<Ok<SubscribersChanged>, ValidationProblem, ProblemHttpResult>> SubscribeAsync(
        string key, HttpRequest http, NotificationsDbContext db, TopicSubscriptions subscriptions, CancellationToken ct) =>
        ChangeAsync(key, http, db, subscriptions.AddAsync, ct);

    public static Task<Results<Ok<SubscribersChanged>, ValidationProblem, ProblemHttpResult>> UnsubscribeAsync(
        string key, HttpRequest http, NotificationsDbContext db, TopicSubscriptions subscriptions, CancellationToken ct) =>
        ChangeAsync(key, http, db, subscriptions.RemoveAsync, ct);

    /// <param name="after">The last user id of the previous page (its `next`); absent for the first page.</param>
    public static async Task<Results<Ok<SubscriberPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string key, string? after, int? limit, NotificationsDbContext db, TopicSubscriptions subscriptions, CancellationToken ct)
    {
        if (limit is < 1 or > TopicSubscriptions.MaxPageSize)
        {
            return FieldErrors.Single("limit", $"1 to {TopicSubscriptions.MaxPageSize}; absent means {TopicSubscriptions.DefaultPageSize}.");
        }
        if (after is not null && TopicRules.UserIdProblem(after) is { } problem)
        {
            return FieldErrors.Single("after", problem);
        }
        if (!await db.Topics.AnyAsync(t => t.Key == key, ct))
        {
            return TopicEndpoints.Unknown(key);
        }
        return TypedResults.Ok(await subscriptions.PageAsync(key, after, limit ?? TopicSubscriptions.DefaultPageSize, ct));
    }

    private static async Task<Results<Ok<SubscribersChanged>, ValidationProblem, ProblemHttpResult>> ChangeAsync(string key, HttpRequest http,
        NotificationsDbContext db, Func<string, IReadOnlyList<string>, CancellationToken, Task<int>> change, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<SubscribersRequest>(http, TopicLimits.MaxSubscribersBodyBytes, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        if (TopicRules.UserIds(body.Value!, errors) is not { } userIds)
        {
            return errors.ToProblem();
        }
        if (!await db.Topics.AnyAsync(t => t.Key == key, ct))
        {
            return TopicEndpoints.Unknown(key);
        }
        return TypedResults.Ok(new SubscribersChanged(key, userIds.Count, await change(key, userIds, ct)));
    }
}
