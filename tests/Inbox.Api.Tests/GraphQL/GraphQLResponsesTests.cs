using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Inbox.Api.GraphQL;

namespace Inbox.Api.Tests.GraphQL;

/// <summary>graphql-over-http's answers: the media type for an Accept header, and the status for what the engine made of a document.</summary>
public sealed class GraphQLResponsesTests
{
    private static readonly ISchema Schema = global::GraphQL.Types.Schema.For("type Query { hello: String }");

    [Theory]
    [InlineData(new string[0], GraphQLResponses.ResponseMediaType)]
    [InlineData(new[] { "application/graphql-response+json" }, GraphQLResponses.ResponseMediaType)]
    [InlineData(new[] { "application/json" }, GraphQLResponses.JsonMediaType)]
    [InlineData(new[] { "application/json", "application/graphql-response+json;q=0.9" }, GraphQLResponses.JsonMediaType)]
    [InlineData(new[] { "*/*" }, GraphQLResponses.ResponseMediaType)]
    public void The_answer_is_in_a_type_the_client_accepts(string[] accept, string expected) =>
        Assert.Equal(expected, GraphQLResponses.Negotiate(accept));

    [Fact]
    public void A_client_that_accepts_neither_json_type_gets_none() => Assert.Null(GraphQLResponses.Negotiate(["text/html"]));

    [Theory]
    [InlineData("{ hello }", 200)]
    [InlineData("{ hello ", 400)]
    [InlineData("{ nope }", 422)]
    public async Task The_status_says_whether_the_document_parsed_validated_and_ran(string query, int status)
    {
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions { Schema = Schema, Query = query });

        Assert.Equal(status, GraphQLResponses.StatusOf(result, GraphQLResponses.ResponseMediaType));
    }

    [Fact]
    public async Task Legacy_json_clients_get_200_with_the_errors_as_the_spec_asks()
    {
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions { Schema = Schema, Query = "{ nope }" });

        Assert.Equal(200, GraphQLResponses.StatusOf(result, GraphQLResponses.JsonMediaType));
        Assert.NotEmpty(result.Errors!);
    }
}
