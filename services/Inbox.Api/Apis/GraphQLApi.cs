using Inbox.Api.GraphQL;
using NotificationAspire.Contracts;

namespace Inbox.Api.Apis;

/// <summary>GraphQL over HTTP at `/graphql`; every field checks the caller itself (a person's own inbox, a sender's own timelines).</summary>
public static class GraphQLApi
{
    public static IEndpointRouteBuilder MapInboxGraphQL(this IEndpointRouteBuilder app)
    {
        var graphql = app.MapGroup("/graphql").WithTags("GraphQL");
        graphql.MapPost("/", GraphQLHttp.PostAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        graphql.MapGet("/", GraphQLHttp.GetAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        return app;
    }
}
