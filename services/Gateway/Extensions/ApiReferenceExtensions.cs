using Scalar.AspNetCore;

namespace Gateway.Extensions;

/// <summary>
/// Scalar's API reference at /scalar, listing the OpenAPI document of each API behind the gateway as the
/// gateway re-serves it (the "*-openapi" routes). Documents are listed under "ApiReference:Documents".
/// "Try it" sends a pasted access token: the documents declare the Bearer scheme and it is preselected here.
/// </summary>
public static class ApiReferenceExtensions
{
    public const string DocumentRoutePattern = "/openapi/{documentName}.json";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        var documents = app.Configuration.GetSection("ApiReference:Documents").Get<Dictionary<string, string>>() ?? [];
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("NotificationAspire API reference").WithOpenApiRoutePattern(DocumentRoutePattern)
                .AddPreferredSecuritySchemes([OpenApiExtensions.BearerSchemeName]);
            foreach (var (name, title) in documents)
            {
                options.AddDocument(name, title);
            }
        }).AllowAnonymous(); // documentation only: calling an API still needs a token
        return app;
    }
}
