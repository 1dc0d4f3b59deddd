using GraphQL.Types;

namespace Inbox.Api.GraphQL;

/// <summary>
/// The read side as one GraphQL schema: `me { inbox unreadCount preferences }`, `notification(id) { timeline }`,
/// mutations `markRead` and `archive`, and the `inboxChanged` subscription. Every field answers for the caller only:
/// `me` is the token's person, a timeline its sender's or an operator's (a person sees the steps of their own deliveries).
/// </summary>
public sealed class InboxSchema : Schema
{
    public InboxSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<InboxQueryType>();
        Mutation = services.GetRequiredService<InboxMutationType>();
        Subscription = services.GetRequiredService<InboxSubscriptionType>();
    }
}
