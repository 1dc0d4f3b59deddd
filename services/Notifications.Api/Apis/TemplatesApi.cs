using Notifications.Api.Templates;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>Operators (`notifications.admin`) manage templates: list, read a version, save a new one, preview. Support reads.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        // Each route names its own policy: a group policy would combine with (AND) the route's and lock support out.
        var api = app.MapGroup("/api/templates").WithTags("Templates");
        api.MapGet("/", TemplateEndpoints.ListAsync).RequireAuthorization(PlatformPolicies.OperationsReader);
        api.MapGet("/{key}", TemplateEndpoints.GetAsync).RequireAuthorization(PlatformPolicies.OperationsReader);
        api.MapGet("/{key}/versions/{version:int}", TemplateEndpoints.GetVersionAsync).RequireAuthorization(PlatformPolicies.OperationsReader);
        // ProblemHttpResult carries no status of its own: the problems each route can answer are declared here.
        api.MapPut("/{key}", TemplateEndpoints.SaveAsync).RequireAuthorization(PlatformPolicies.Admin)
            .Accepts<SaveTemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/{key}/preview", TemplatePreview.HandleAsync).RequireAuthorization(PlatformPolicies.Admin)
            .Accepts<PreviewTemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }
}
