using GraphQL.Types;
using Inbox.Api.Inbox;
using Inbox.Api.Live;
using Inbox.Api.People;

namespace Inbox.Api.GraphQL;

public sealed class InboxSubscriptionType : ObjectGraphType
{
    public InboxSubscriptionType()
    {
        Name = "Subscription";
        Field<NonNullGraphType<InboxItemType>>("inboxChanged")
            .Description("Each new item of the caller's inbox from now on, as it is projected.")
            .ResolveStream(ctx =>
            {
                var userId = Person.IdOf(ctx.User!) ?? throw new global::GraphQL.ExecutionError("This token names no person.") { Code = "FORBIDDEN" };
                return new NewInboxItems(ctx.RequestServices!.GetRequiredService<IServiceScopeFactory>(),
                    ctx.RequestServices!.GetRequiredService<InboxChanges>(), userId);
            });
    }
}

/// <summary>
/// A person's new items as an observable, for GraphQL.NET's subscriptions: one watch of the person's inbox per
/// subscriber, reading items after the last one pushed each time it is woken, in a scope of its own (the request's
/// scope ends when the subscription's first answer is sent).
/// </summary>
public sealed class NewInboxItems(IServiceScopeFactory scopes, InboxChanges changes, string userId) : IObservable<InboxItemView>
{
    public IDisposable Subscribe(IObserver<InboxItemView> observer)
    {
        var stop = new CancellationTokenSource();
        var watch = changes.Watch(userId);
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queries = scope.ServiceProvider.GetRequiredService<InboxQueries>();
                var last = await queries.LatestSequenceAsync(userId, stop.Token);
                while (!stop.IsCancellationRequested)
                {
                    foreach (var item in await queries.ProjectedAfterAsync(userId, last, 100, stop.Token))
                    {
                        observer.OnNext(item);
                        last = item.Sequence;
                    }
                    await watch.WaitAsync(InboxStream.Heartbeat, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                observer.OnError(ex);
            }
        });
        return new Unsubscriber(() =>
        {
            stop.Cancel();
            watch.Dispose();
        });
    }

    private sealed class Unsubscriber(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }
}
