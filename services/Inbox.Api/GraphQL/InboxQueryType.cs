using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using Inbox.Api.Center;
using Inbox.Api.Inbox;
using Inbox.Api.People;
using Inbox.Api.Timeline;
using NotificationAspire.Http;

namespace Inbox.Api.GraphQL;

public sealed class InboxQueryType : ObjectGraphType
{
    public InboxQueryType()
    {
        Name = "Query";
        Field<MeType>("me").Description("The person the token names; null (with an error) for a token that names nobody.")
            .Resolve(ctx => Person.IdOf(ctx.User!) is { } userId ? new Me(userId) : throw new ExecutionError("This token names no person.") { Code = "FORBIDDEN" });
        Field<NotificationType>("notification").Argument<NonNullGraphType<IdGraphType>>("id")
            .Description("A notification and its delivery timeline, for its sender or an operator; null for anyone else.")
            .ResolveAsync(async ctx =>
            {
                var timeline = await ctx.RequestServices!.GetRequiredService<TimelineQueries>().ForAsync(ctx.GetArgument<Guid>("id"), ctx.CancellationToken);
                return timeline is not null && Sender.MayRead(ctx.User!, timeline.SenderId) ? timeline : null;
            });
    }
}

public sealed class MeType : ObjectGraphType<Me>
{
    public MeType()
    {
        Name = "Me";
        Field(x => x.UserId);
        Field<NonNullGraphType<InboxPageType>>("inbox")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after").Argument<InboxFilterInputType>("filter")
            .ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<InboxFilterInput?>("filter");
                var errors = new FieldErrors();
                var page = InboxPaging.Read(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), filter?.Category, filter?.Status, errors)
                    ?? throw new ExecutionError(string.Join(" ", errors.ByField.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))) { Code = "BAD_USER_INPUT" };
                return await ctx.RequestServices!.GetRequiredService<InboxQueries>().PageAsync(ctx.Source.UserId, page.First, page.After, page.Filter, ctx.CancellationToken);
            });
        Field<NonNullGraphType<IntGraphType>>("unreadCount").Argument<StringGraphType>("category")
            .ResolveAsync(async ctx =>
            {
                var counts = await ctx.RequestServices!.GetRequiredService<InboxQueries>().UnreadCountsAsync(ctx.Source.UserId, ctx.CancellationToken);
                return ctx.GetArgument<string?>("category") is { } category ? counts.ByCategory.GetValueOrDefault(category) : counts.Total;
            });
        Field<NonNullGraphType<PreferencesSummaryType>>("preferences")
            .ResolveAsync(async ctx =>
            {
                var token = ctx.UserContext.TryGetValue(GraphQLHttp.BearerKey, out var value) ? value as string : null;
                var center = ctx.RequestServices!.GetRequiredService<NotificationCenter>();
                return token is not null && await center.TryGetPreferencesAsync(token, ctx.CancellationToken) is { } document
                    ? new PreferencesSummary(true, document.GetRawText())
                    : new PreferencesSummary(false, null);
            });
    }
}

public sealed class InboxMutationType : ObjectGraphType
{
    public InboxMutationType()
    {
        Name = "Mutation";
        Field<NonNullGraphType<MarkResultType>>("markRead")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("ids").Argument<BooleanGraphType>("all").Argument<StringGraphType>("category")
            .ResolveAsync(ctx => MarkAsync(ctx, allowAll: true, (marks, userId, request) => request.All == true
                ? marks.ReadAllAsync(userId, request.Category, ctx.CancellationToken)
                : marks.ReadAsync(userId, request.Ids!, ctx.CancellationToken)));
        Field<NonNullGraphType<MarkResultType>>("archive")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveAsync(ctx => MarkAsync(ctx, allowAll: false, (marks, userId, request) => marks.ArchiveAsync(userId, request.Ids!, ctx.CancellationToken)));
    }

    private static async Task<object?> MarkAsync(IResolveFieldContext ctx, bool allowAll, Func<InboxMarks, string, MarkItemsRequest, Task<int>> mark)
    {
        var userId = Person.IdOf(ctx.User!) ?? throw new ExecutionError("This token names no person.") { Code = "FORBIDDEN" };
        var request = new MarkItemsRequest(ctx.GetArgument<List<Guid>?>("ids"), ctx.GetArgument<bool?>("all"), ctx.GetArgument<string?>("category"));
        if (InboxPaging.MarkProblem(request, allowAll) is { } problem)
        {
            throw new ExecutionError($"{problem.Field}: {problem.Message}") { Code = "BAD_USER_INPUT" };
        }
        var marked = await mark(ctx.RequestServices!.GetRequiredService<InboxMarks>(), userId, request);
        return new MarkResult(marked, await ctx.RequestServices!.GetRequiredService<InboxQueries>().UnreadCountsAsync(userId, ctx.CancellationToken));
    }
}
