using System.Security.Claims;
using GraphQL.DataLoader;
using Inbox.Api.People;
using Inbox.Api.Timeline;

namespace Inbox.Api.GraphQL;

/// <summary>
/// The timelines one GraphQL request asks for, loaded together: every `timeline` field of a page queues its id, and the
/// first to be awaited loads them all (<see cref="TimelineQueries.ForManyAsync"/>: three statements for any number).
/// A caller sees a notification's whole timeline as its sender or an operator, otherwise only the steps of their own deliveries.
/// </summary>
public sealed class TimelineBatch(TimelineQueries timelines)
{
    private readonly HashSet<Guid> _queued = [];
    private Task<IReadOnlyDictionary<Guid, NotificationTimeline>>? _loaded;

    public IDataLoaderResult<IReadOnlyList<TimelineStep>?> Load(Guid notificationId, ClaimsPrincipal caller)
    {
        _queued.Add(notificationId);
        return new Deferred<IReadOnlyList<TimelineStep>?>(async ct =>
        {
            var all = await (_loaded ??= timelines.ForManyAsync([.. _queued], ct));
            return all.GetValueOrDefault(notificationId) is { } timeline ? VisibleTo(caller, timeline) : null;
        });
    }

    private static IReadOnlyList<TimelineStep> VisibleTo(ClaimsPrincipal caller, NotificationTimeline timeline)
    {
        if (Sender.MayRead(caller, timeline.SenderId))
        {
            return timeline.Steps;
        }
        var person = Person.IdOf(caller);
        return [.. timeline.Steps.Where(s => s.Recipient is null || s.Recipient == person)];
    }

    /// <summary>A value GraphQL.NET awaits only after every field of the level queued its id (its data-loader contract).</summary>
    private sealed class Deferred<T>(Func<CancellationToken, Task<T>> load) : IDataLoaderResult<T>
    {
        public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => load(cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await load(cancellationToken);
    }
}
