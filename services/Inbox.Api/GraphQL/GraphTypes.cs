using GraphQL.DataLoader;
using GraphQL.Types;
using Inbox.Api.Inbox;
using Inbox.Api.Timeline;

namespace Inbox.Api.GraphQL;

/// <summary>The person the token names; its fields read only their data.</summary>
public sealed record Me(string UserId);

/// <summary>The preferences part of `me`: preferences-api's document as JSON text, or not available (it did not answer in time).</summary>
public sealed record PreferencesSummary(bool Available, string? Json);

public sealed class InboxItemType : ObjectGraphType<InboxItemView>
{
    public InboxItemType()
    {
        Name = "InboxItem";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Sequence);
        Field(x => x.Category);
        Field(x => x.Title);
        Field(x => x.Body);
        Field(x => x.Url, nullable: true);
        Field(x => x.DeliveredAt);
        Field(x => x.SeenAt, nullable: true);
        Field(x => x.ReadAt, nullable: true);
        Field(x => x.ArchivedAt, nullable: true);
        Field(x => x.Read);
        // Batched: the timelines of a whole page come in one round of queries, however many items it has.
        Field<ListGraphType<NonNullGraphType<TimelineStepType>>, IDataLoaderResult<IReadOnlyList<TimelineStep>?>>("timeline")
            .Description("The delivery steps of this notification that concern the caller.")
            .Resolve(ctx => ctx.RequestServices!.GetRequiredService<TimelineBatch>().Load(ctx.Source.Id, ctx.User!));
    }
}

public sealed class InboxPageType : ObjectGraphType<InboxPage>
{
    public InboxPageType()
    {
        Name = "InboxPage";
        Field(x => x.Items, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<InboxItemType>>>));
        Field(x => x.EndCursor, nullable: true);
        Field(x => x.HasNextPage);
    }
}

public sealed class TimelineStepType : ObjectGraphType<TimelineStep>
{
    public TimelineStepType()
    {
        Name = "TimelineStep";
        Field(x => x.At);
        Field(x => x.Step);
        Field(x => x.Recipient, nullable: true);
        Field(x => x.Channel, nullable: true);
        Field(x => x.Attempt, nullable: true);
        Field(x => x.Error, nullable: true);
    }
}

public sealed class NotificationType : ObjectGraphType<NotificationTimeline>
{
    public NotificationType()
    {
        Name = "Notification";
        Field("id", x => x.NotificationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.SenderId);
        Field(x => x.Category);
        Field(x => x.AcceptedAt);
        Field("timeline", x => x.Steps, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TimelineStepType>>>));
    }
}

public sealed class PreferencesSummaryType : ObjectGraphType<PreferencesSummary>
{
    public PreferencesSummaryType()
    {
        Name = "PreferencesSummary";
        Field(x => x.Available).Description("False when preferences-api did not answer in time; the rest of the answer stands.");
        Field(x => x.Json, nullable: true).Description("The person's preferences document, as `GET /api/me/preferences` returns it.");
    }
}

public sealed class MarkResultType : ObjectGraphType<MarkResult>
{
    public MarkResultType()
    {
        Name = "MarkResult";
        Field(x => x.Marked);
        Field<NonNullGraphType<IntGraphType>>("unreadCount").Resolve(ctx => ctx.Source.Unread.Total);
    }
}

public sealed class InboxFilterInputType : InputObjectGraphType<InboxFilterInput>
{
    public InboxFilterInputType()
    {
        Name = "InboxFilter";
        Field(x => x.Category, nullable: true);
        Field(x => x.Status, nullable: true).Description("active (default), unread, read, archived or all.");
    }
}

/// <summary>The `filter` argument as GraphQL reads it; checked by the same rules as the REST query string.</summary>
public sealed class InboxFilterInput
{
    public string? Category { get; set; }
    public string? Status { get; set; }
}
