using Inbox.Api.GraphQL;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>GraphQL over HTTP at `/graphql`; every field checks the caller itself (a person's own inbox, a sender's own timelines).</summary>
public static class GraphQLApi
{
    public static IEndpointRouteBuilder MapInboxGraphQL(this IEndpointRouteBuilder app)
    {
        var graphql = app.MapGroup("/graphql").WithTags("GraphQL")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status406NotAcceptable);
        Answers(graphql.MapPost("/", GraphQLHttp.PostAsync)).RequireAuthorization(PlatformPolicies.Authenticated)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        // Queries only: a mutation or subscription sent with GET is 405 with Allow: POST.
        Answers(graphql.MapGet("/", GraphQLHttp.GetAsync)).RequireAuthorization(PlatformPolicies.Authenticated)
            .ProducesProblem(StatusCodes.Status405MethodNotAllowed);
        return app;
    }

    /// <summary>A result (200), or a document that failed validation (422), both as graphql-response+json.</summary>
    private static RouteHandlerBuilder Answers(RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK, contentType: GraphQLResponses.ResponseMediaType)
        .Produces(StatusCodes.Status422UnprocessableEntity, contentType: GraphQLResponses.ResponseMediaType);
}
