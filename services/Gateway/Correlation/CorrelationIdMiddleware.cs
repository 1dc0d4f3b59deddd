using System.Diagnostics;

namespace Gateway.Correlation;

/// <summary>
/// Settles the request's correlation id at the edge: the service behind receives it in the same header
/// (YARP forwards request headers), the caller gets it back, and every log line of the request carries it.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    // A message-template scope: readable in the console, a "CorrelationId" attribute in OpenTelemetry logs.
    private static readonly Func<ILogger, string, IDisposable?> Scope =
        LoggerMessage.DefineScope<string>("CorrelationId:{CorrelationId}");

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = CorrelationId.FromHeader(context.Request.Headers[CorrelationId.HeaderName]);
        context.SetCorrelationId(correlationId);
        // Replaces a rejected value too, so the services behind only ever see an id that is safe to log.
        context.Request.Headers[CorrelationId.HeaderName] = correlationId;
        // Set as the response starts: the exception handler clears headers, and a service's own copy must not win.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationId.HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", correlationId);

        using (Scope(logger, correlationId))
        {
            await next(context);
        }
    }
}

public static class CorrelationIdMiddlewareExtensions
{
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.UseMiddleware<CorrelationIdMiddleware>();
}
