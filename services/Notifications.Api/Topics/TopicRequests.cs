namespace Notifications.Api.Topics;

/// <summary>The body of `POST /api/topics`.</summary>
/// <param name="Key">The key senders name in a send (`product-news`): lowercase letters, digits and single hyphens.</param>
/// <param name="Name">What people are shown (`Product news`).</param>
public sealed record CreateTopicRequest(string? Key, string? Name);

/// <summary>The body of `PUT` and `DELETE /api/topics/{key}/subscribers`: up to 10,000 people per call.</summary>
public sealed record SubscribersRequest(IReadOnlyList<string?>? UserIds);

public sealed record TopicView(string Key, string Name, string CreatedBy, DateTimeOffset CreatedAt, int Subscribers);

/// <summary>What a (un)subscribe call changed: people newly (un)subscribed; the rest already were (or were not).</summary>
public sealed record SubscribersChanged(string Topic, int Requested, int Changed);

/// <summary>One page of a topic's subscribers in user id order; <paramref name="Next"/> is the `after` of the next page, null on the last.</summary>
public sealed record SubscriberPage(string Topic, IReadOnlyList<string> UserIds, string? Next);

/// <summary>A person's own subscription, as `/api/me/topics` lists it.</summary>
public sealed record MyTopicView(string Key, string Name, DateTimeOffset SubscribedAt);
