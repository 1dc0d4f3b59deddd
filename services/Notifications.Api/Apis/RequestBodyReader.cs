using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>
/// Reads a JSON body strictly and turns every way it can be wrong into a 4xx problem naming the field:
/// malformed JSON, wrong types, unknown fields and strings carrying NUL are 400; a body over the limit is 413.
/// </summary>
public static class RequestBodyReader
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        Converters = { new NulFreeStringConverter() },
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            return (null, TooLarge());
        }
        // Chunked bodies have no Content-Length: Kestrel stops reading them at the same limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        }
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the body as application/json."));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, ct);
            return value is null ? (null, Invalid("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Invalid(FieldOf(ex.Path), Describe(ex)));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large", detail: $"The body may be at most {RequestLimits.MaxBodyBytes} bytes.");

    // "$.recipients[0].userId" -> "recipients[0].userId"; the root stays "$".
    private static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "$" : path.TrimStart('$', '.');

    private static string Describe(JsonException ex) => ex switch
    {
        ForbiddenCharacterException => ex.Message,
        _ when ex.Message.Contains("could not be mapped", StringComparison.Ordinal) => "Unknown field.",
        { InnerException: InvalidOperationException inner } when inner.Message.Contains("UTF-", StringComparison.Ordinal) =>
            "Not valid Unicode text.",
        { InnerException: FormatException or InvalidOperationException } => "Wrong type for this field.",
        _ when ex.Message.Contains("could not be converted", StringComparison.Ordinal) => "Wrong type for this field.",
        _ => "Malformed JSON.",
    };
}
