using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Inbox.Api.Live;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Inbox.Api.GraphQL;

/// <summary>
/// `/graphql` over HTTP, per graphql/graphql-over-http (GraphQL.NET's own server transport is not on our package
/// source, so this is ours, kept small): POST `application/json` for every operation, GET for queries only (a mutation
/// over GET is 405 with `Allow: POST`), answers in `application/graphql-response+json` (415 for another body type, 406
/// for an Accept it cannot meet, 400 for a document that does not parse, 422 for one that fails validation).
/// Subscriptions stream over server-sent events (graphql-sse, distinct connections): `event: next` per result, then
/// `event: complete`; the client ends it by closing the connection.
/// </summary>
public static class GraphQLHttp
{
    /// <summary>Where the caller's bearer token travels in the user context, for fields that ask another service for the person.</summary>
    public const string BearerKey = "bearer";

    public static async Task GetAsync(HttpContext http, IDocumentExecuter<InboxSchema> executer, IGraphQLTextSerializer serializer)
    {
        var query = http.Request.Query;
        Dictionary<string, object?>? variables = null;
        if (query["variables"].ToString() is { Length: > 0 } json)
        {
            try
            {
                variables = serializer.Deserialize<Inputs>(json)?.ToDictionary();
            }
            catch (Exception ex) when (ex is JsonException or GraphQLParser.Exceptions.GraphQLParserException)
            {
                await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "The variables parameter is not a JSON object.");
                return;
            }
        }
        var request = new GraphQLRequest
        {
            Query = query["query"].ToString(),
            OperationName = query["operationName"].ToString() is { Length: > 0 } name ? name : null,
            Variables = variables is null ? null : new Inputs(variables),
        };
        // Only queries may be sent with GET (they must be safe to repeat and to cache).
        if (OperationOf(request) is OperationType.Mutation or OperationType.Subscription)
        {
            http.Response.Headers.Allow = "POST";
            await WriteProblemAsync(http, StatusCodes.Status405MethodNotAllowed, "Mutations and subscriptions are sent with POST.");
            return;
        }
        await ExecuteAsync(http, request, executer, serializer);
    }

    public static async Task PostAsync(HttpContext http, IDocumentExecuter<InboxSchema> executer, IGraphQLTextSerializer serializer)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) || contentType.MediaType != GraphQLResponses.JsonMediaType)
        {
            await WriteProblemAsync(http, StatusCodes.Status415UnsupportedMediaType, "Send the GraphQL request as application/json.");
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or GraphQLParser.Exceptions.GraphQLParserException or InvalidOperationException)
        {
            request = null;
        }
        if (request is null || string.IsNullOrEmpty(request.Query))
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "The body is not a GraphQL request: a JSON object with a query string.");
            return;
        }
        await ExecuteAsync(http, request, executer, serializer);
    }

    private static async Task ExecuteAsync(HttpContext http, GraphQLRequest request, IDocumentExecuter<InboxSchema> executer, IGraphQLTextSerializer serializer)
    {
        var accepted = http.Request.GetTypedHeaders().Accept.Select(a => a.ToString()).ToList();
        var streams = accepted.Any(a => a.StartsWith(GraphQLResponses.EventStreamMediaType, StringComparison.Ordinal));
        var mediaType = streams ? GraphQLResponses.ResponseMediaType : GraphQLResponses.Negotiate(accepted);
        if (mediaType is null)
        {
            await WriteProblemAsync(http, StatusCodes.Status406NotAcceptable, $"Accept {GraphQLResponses.ResponseMediaType} or {GraphQLResponses.JsonMediaType}.");
            return;
        }
        var bearer = http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
        var sql = SqlStatementCount.Start();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            User = http.User,
            RequestServices = http.RequestServices,
            UserContext = new Dictionary<string, object?> { [BearerKey] = bearer },
            CancellationToken = http.RequestAborted,
        });
        if (result.Streams is { Count: > 0 } subscriptions)
        {
            if (!streams)
            {
                await WriteProblemAsync(http, StatusCodes.Status406NotAcceptable, $"A subscription streams: Accept {GraphQLResponses.EventStreamMediaType}.");
                return;
            }
            await StreamAsync(http, subscriptions.Values.First(), serializer);
            return;
        }
        http.Response.StatusCode = GraphQLResponses.StatusOf(result, mediaType);
        http.Response.Headers["Server-Timing"] = $"db;desc=\"{sql.Statements} statements\"";
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>graphql-sse's distinct-connections mode: one `next` event per result until the client goes.</summary>
    private static async Task StreamAsync(HttpContext http, IObservable<ExecutionResult> results, IGraphQLTextSerializer serializer)
    {
        http.Response.ContentType = GraphQLResponses.EventStreamMediaType;
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var queue = System.Threading.Channels.Channel.CreateUnbounded<ExecutionResult?>();
        using var subscription = results.Subscribe(new Relay(queue.Writer));
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            while (true)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                beat.CancelAfter(InboxStream.Heartbeat);
                ExecutionResult? next;
                try
                {
                    next = await queue.Reader.ReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(":\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                    continue;
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    next = null;
                }
                if (next is null)
                {
                    await http.Response.WriteAsync("event: complete\ndata:\n\n", http.RequestAborted);
                    return;
                }
                await http.Response.WriteAsync($"event: next\ndata: {serializer.Serialize(next)}\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client closed the connection: that is how graphql-sse clients unsubscribe.
        }
    }

    private static OperationType? OperationOf(GraphQLRequest request)
    {
        try
        {
            var document = GraphQLParser.Parser.Parse(request.Query ?? string.Empty);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var chosen = request.OperationName is { } name ? operations.FirstOrDefault(o => o.Name?.StringValue == name) : operations.FirstOrDefault();
            return chosen?.Operation;
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            return null; // the executer reports it as the 400 it is
        }
    }

    private static Task WriteProblemAsync(HttpContext http, int status, string detail) =>
        Results.Problem(statusCode: status, detail: detail).ExecuteAsync(http);

    private sealed class Relay(System.Threading.Channels.ChannelWriter<ExecutionResult?> writer) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value) => writer.TryWrite(value);
        public void OnError(Exception error) => writer.TryComplete();
        public void OnCompleted() => writer.TryComplete();
    }
}
