using System.Security.Claims;
using Inbox.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Http;

namespace Inbox.Api.Inbox;

/// <summary>A person's own inbox: always the token's own person, whatever the request says.</summary>
public static class InboxEndpoints
{
    public static async Task<Results<Ok<InboxPage>, ValidationProblem, ForbidHttpResult>> GetPageAsync(ClaimsPrincipal user, InboxQueries queries,
        int? first, string? after, string? category, string? status, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var errors = new FieldErrors();
        var request = InboxPaging.Read(first, after, category, status, errors);
        return request is null ? errors.ToProblem() : TypedResults.Ok(await queries.PageAsync(userId, request.First, request.After, request.Filter, ct));
    }

    public static async Task<Results<Ok<UnreadCounts>, ForbidHttpResult>> GetUnreadCountsAsync(ClaimsPrincipal user, InboxQueries queries, CancellationToken ct) =>
        Person.IdOf(user) is { } userId ? TypedResults.Ok(await queries.UnreadCountsAsync(userId, ct)) : TypedResults.Forbid();

    public static async Task<Results<Ok<InboxItemView>, NotFound, ForbidHttpResult>> GetItemAsync(ClaimsPrincipal user, Guid id, InboxQueries queries, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        return await queries.FindAsync(userId, id, ct) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<MarkResult>, NotFound, ForbidHttpResult>> ReadOneAsync(ClaimsPrincipal user, Guid id, InboxMarks marks,
        InboxQueries queries, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var marked = await marks.ReadAsync(userId, [id], ct);
        return marked == 0 ? TypedResults.NotFound() : TypedResults.Ok(new MarkResult(marked, await queries.UnreadCountsAsync(userId, ct)));
    }

    public static async Task<Results<Ok<MarkResult>, NotFound, ForbidHttpResult>> ArchiveOneAsync(ClaimsPrincipal user, Guid id, InboxMarks marks,
        InboxQueries queries, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var marked = await marks.ArchiveAsync(userId, [id], ct);
        return marked == 0 ? TypedResults.NotFound() : TypedResults.Ok(new MarkResult(marked, await queries.UnreadCountsAsync(userId, ct)));
    }

    public static Task<Results<Ok<MarkResult>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ReadManyAsync(ClaimsPrincipal user, HttpRequest http,
        InboxMarks marks, InboxQueries queries, CancellationToken ct) =>
        MarkManyAsync(user, http, queries, allowAll: true, (userId, request) => request.All == true
            ? marks.ReadAllAsync(userId, request.Category, ct)
            : marks.ReadAsync(userId, request.Ids!, ct), ct);

    public static Task<Results<Ok<MarkResult>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ArchiveManyAsync(ClaimsPrincipal user, HttpRequest http,
        InboxMarks marks, InboxQueries queries, CancellationToken ct) =>
        MarkManyAsync(user, http, queries, allowAll: false, (userId, request) => marks.ArchiveAsync(userId, request.Ids!, ct), ct);

    public static async Task<Results<Ok<MarkResult>, ForbidHttpResult>> SeeAllAsync(ClaimsPrincipal user, InboxMarks marks, InboxQueries queries, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var marked = await marks.SeeAllAsync(userId, ct);
        return TypedResults.Ok(new MarkResult(marked, await queries.UnreadCountsAsync(userId, ct)));
    }

    private static async Task<Results<Ok<MarkResult>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> MarkManyAsync(ClaimsPrincipal user,
        HttpRequest http, InboxQueries queries, bool allowAll, Func<string, MarkItemsRequest, Task<int>> mark, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var body = await RequestBodyReader.ReadAsync<MarkItemsRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        if (InboxPaging.MarkProblem(body.Value!, allowAll) is { } problem)
        {
            return FieldErrors.Single(problem.Field, problem.Message);
        }
        var marked = await mark(userId, body.Value!);
        return TypedResults.Ok(new MarkResult(marked, await queries.UnreadCountsAsync(userId, ct)));
    }
}
