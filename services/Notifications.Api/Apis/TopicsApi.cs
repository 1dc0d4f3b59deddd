using Notifications.Api.Topics;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>
/// Topics: senders manage them and their subscribers; a person subscribes and unsubscribes only themselves.
/// Sending to a topic is `POST /api/notifications` with `topics`.
/// </summary>
public static class TopicsApi
{
    public static IEndpointRouteBuilder MapTopicsApi(this IEndpointRouteBuilder app)
    {
        // ProblemHttpResult carries no status of its own: the problems each route can answer are declared here.
        var topics = app.MapGroup("/api/topics").WithTags("Topics");
        topics.MapPost("/", TopicEndpoints.CreateAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<CreateTopicRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        topics.MapGet("/", TopicEndpoints.ListAsync).RequireAuthorization(PlatformPolicies.Sender);
        topics.MapGet("/{key}", TopicEndpoints.GetAsync).RequireAuthorization(PlatformPolicies.Sender)
            .ProducesProblem(StatusCodes.Status404NotFound);
        topics.MapDelete("/{key}", TopicEndpoints.DeleteAsync).RequireAuthorization(PlatformPolicies.Sender)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        topics.MapPut("/{key}/subscribers", SubscriberEndpoints.SubscribeAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<SubscribersRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        topics.MapDelete("/{key}/subscribers", SubscriberEndpoints.UnsubscribeAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<SubscribersRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        topics.MapGet("/{key}/subscribers", SubscriberEndpoints.ListAsync).RequireAuthorization(PlatformPolicies.Sender)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // 403 on /api/me: a token without a usable subject, which names no person.
        var mine = app.MapGroup("/api/me/topics").WithTags("Topics").ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", MyTopicEndpoints.ListAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        mine.MapPut("/{key}", MyTopicEndpoints.SubscribeAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapDelete("/{key}", MyTopicEndpoints.UnsubscribeAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
