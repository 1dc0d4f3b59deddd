using Notifications.Api.Templates;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>Operators (`notifications.admin`) manage templates: list, read a version, save a new one, preview.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization(PlatformPolicies.Admin);
        api.MapGet("/", TemplateEndpoints.ListAsync);
        api.MapGet("/{key}", TemplateEndpoints.GetAsync);
        api.MapGet("/{key}/versions/{version:int}", TemplateEndpoints.GetVersionAsync);
        // ProblemHttpResult carries no status of its own: the problems each route can answer are declared here.
        api.MapPut("/{key}", TemplateEndpoints.SaveAsync)
            .Accepts<SaveTemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/{key}/preview", TemplatePreview.HandleAsync)
            .Accepts<PreviewTemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }
}
