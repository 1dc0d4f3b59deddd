using Microsoft.Net.Http.Headers;

namespace NotificationAspire.WebConsole;

/// <summary>
/// The console's pages are files: they hold no data and no secret, so anyone may fetch them; what they show comes from
/// the APIs, which the gateway answers only for a signed-in session with the anti-CSRF header. That is also why the
/// unsubscribe page works for a person who follows a link from an email without signing in.
/// </summary>
public static class ConsolePages
{
    public const string BasePath = "/console";

    // Only this origin's scripts, styles and API calls; no framing (clickjacking on the replay and publish buttons).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseConsolePageHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer"; // unsubscribe tokens are in the page's URL
                // Pages change with each release and are small: always ask, so a deployed fix reaches every browser.
                headers.CacheControl = "no-cache";
                return Task.CompletedTask;
            });
            return next(context);
        });
        // "/console" without the slash would resolve the pages' relative links against "/". A middleware, not an endpoint:
        // routing matches "/console/" to a "/console" endpoint too, and a matched endpoint keeps static files from serving.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value == BasePath)
            {
                context.Response.Redirect($"{BasePath}/");
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
