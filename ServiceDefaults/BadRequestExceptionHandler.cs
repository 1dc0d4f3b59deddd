using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request ASP.NET itself found malformed (a query value that does not bind, a broken chunked body, a body
/// over Kestrel's limit) is the caller's mistake: a 4xx problem saying what failed to bind, never a 500.
/// Minimal APIs are told to throw for these everywhere, so this one place answers them in every environment.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || context.Response.HasStarted)
        {
            return false;
        }
        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = badRequest.StatusCode, Detail = badRequest.Message },
        });
    }
}
