using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts;

namespace NotificationAspire.Http;

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

    public static Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class =>
        ReadAsync<T>(request, RequestLimits.MaxBodyBytes, ct);

    /// <summary>The same with a limit of the route's own (a bulk upload), which the edge must allow as well.</summary>
    public static async Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, int maxBodyBytes, CancellationToken ct) where T : class
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return TooLarge(maxBodyBytes);
        }
        // Chunked bodies have no Content-Length: Kestrel stops reading them at the same limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = maxBodyBytes;
        }
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the body as application/json.");
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, ct);
            return value is null ? Invalid("$", "A JSON object is required.") : value;
        }
        catch (JsonException ex)
        {
            return Invalid(FieldOf(ex.Path), Describe(ex));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBodyBytes);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge(int maxBodyBytes) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large", detail: $"The body may be at most {maxBodyBytes} bytes.");

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

/// <summary>
/// A body as read: the value, or why not. <see cref="Invalid"/> is a 400 naming the field; <see cref="Refused"/> a
/// problem with its own status (413, 415). Handlers return whichever is set, so their result types stay exact.
/// </summary>
public sealed record BodyRead<T>(T? Value, ValidationProblem? Invalid, ProblemHttpResult? Refused) where T : class
{
    public static implicit operator BodyRead<T>(T value) => new(value, null, null);

    public static implicit operator BodyRead<T>(ValidationProblem invalid) => new(null, invalid, null);

    public static implicit operator BodyRead<T>(ProblemHttpResult refused) => new(null, null, refused);
}
