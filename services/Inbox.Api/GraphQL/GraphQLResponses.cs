using GraphQL;
using GraphQL.Execution;

namespace Inbox.Api.GraphQL;

/// <summary>
/// The GraphQL-over-HTTP rules (graphql/graphql-over-http) that do not need a request to decide: which media type to
/// answer in, and which status a result gets. Pure, so each rule is a unit test.
/// </summary>
public static class GraphQLResponses
{
    public const string ResponseMediaType = "application/graphql-response+json";
    public const string JsonMediaType = "application/json";
    public const string EventStreamMediaType = "text/event-stream";

    /// <summary>
    /// The media type to answer in for an Accept header: the spec's own type when the client takes it (or takes
    /// anything, or says nothing), plain JSON for clients that take only that; null when it takes neither (406).
    /// </summary>
    public static string? Negotiate(IReadOnlyList<string> accepted)
    {
        if (accepted.Count == 0)
        {
            return ResponseMediaType;
        }
        foreach (var media in accepted)
        {
            var type = media.Split(';')[0].Trim();
            if (type is ResponseMediaType or "*/*" or "application/*")
            {
                return ResponseMediaType;
            }
            if (type == JsonMediaType)
            {
                return JsonMediaType;
            }
        }
        return null;
    }

    /// <summary>
    /// 200 for a result that executed (data, even with field errors). A request that never executed is a request error:
    /// 400 when the document does not parse, 422 when it parses but fails validation (or its variables do not fit).
    /// Legacy `application/json` clients get 200 with the errors, as the spec asks for them.
    /// </summary>
    public static int StatusOf(ExecutionResult result, string mediaType)
    {
        if (result.Executed || mediaType == JsonMediaType)
        {
            return StatusCodes.Status200OK;
        }
        return result.Errors?.Any(e => e is SyntaxError) == true ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
    }
}
