using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Gateway.Limits;

/// <summary>
/// Enforces the platform's body limit at the edge, before anything is proxied. An API that refused an
/// oversize body itself would answer while the gateway was still streaming it and close the connection: the
/// caller got a 502, and so did the next caller whose request reused that pooled connection. Here the body
/// never leaves the gateway: a declared length over the limit is refused unread (Kestrel drains it, so the
/// caller's connection survives), and a chunked body is read up to the limit and forwarded with a length.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    private const int ChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = BodyLimits.For(request);
        if (request.ContentLength > limit)
        {
            await RefuseAsync(context, limit);
            return;
        }
        if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            if (await ReadWithinLimitAsync(request.Body, limit, context.RequestAborted) is not { } body)
            {
                await RefuseAsync(context, limit);
                return;
            }
            request.Headers.Remove(HeaderNames.TransferEncoding);
            request.ContentLength = body.Length;
            request.Body = body;
        }
        await next(context);
    }

    /// <summary>The whole body, or null as soon as it grows past the limit.</summary>
    private static async Task<MemoryStream?> ReadWithinLimitAsync(Stream body, int limit, CancellationToken ct)
    {
        var buffered = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffered.Length + read > limit)
            {
                return null;
            }
            buffered.Write(chunk, 0, read);
        }
        buffered.Position = 0;
        return buffered;
    }

    private ValueTask RefuseAsync(HttpContext context, int limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The body may be at most {limit} bytes.",
            },
        });
    }
}

/// <summary>Registers the edge's body limit in the gateway's pipeline.</summary>
public static class RequestBodyLimitExtensions
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimitMiddleware>();
}
