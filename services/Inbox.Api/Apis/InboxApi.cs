using Inbox.Api.Inbox;
using Inbox.Api.Live;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>A person's own inbox (their token's subject): pages, unread counts, marks, and the live stream.</summary>
public static class InboxApi
{
    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        // 403: a token without a usable subject, which names no person.
        var inbox = app.MapGroup("/api/inbox").WithTags("Inbox").ProducesProblem(StatusCodes.Status403Forbidden);
        inbox.MapGet("/", InboxEndpoints.GetPageAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        inbox.MapGet("/unread", InboxEndpoints.GetUnreadCountsAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        inbox.MapGet("/items/{id:guid}", InboxEndpoints.GetItemAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        inbox.MapPost("/items/{id:guid}/read", InboxEndpoints.ReadOneAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        inbox.MapPost("/items/{id:guid}/archive", InboxEndpoints.ArchiveOneAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        inbox.MapPost("/read", InboxEndpoints.ReadManyAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Accepts<MarkItemsRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        inbox.MapPost("/archive", InboxEndpoints.ArchiveManyAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Accepts<MarkItemsRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        inbox.MapPost("/seen", InboxEndpoints.SeeAllAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        inbox.MapGet("/stream", InboxStream.OpenAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesValidationProblem();
        return app;
    }
}
