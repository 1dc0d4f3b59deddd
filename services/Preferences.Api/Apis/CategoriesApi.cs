using NotificationAspire.Contracts;
using Preferences.Api.Categories;

namespace Preferences.Api.Apis;

/// <summary>Notification categories: listed to anyone signed in, changed by operators.</summary>
public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/categories").WithTags("Categories");
        api.MapGet("/", CategoryEndpoints.ListAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        api.MapPut("/{key}", CategoryEndpoints.PutAsync).RequireAuthorization(PlatformPolicies.Admin)
            .Accepts<CategoryRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete("/{key}", CategoryEndpoints.DeleteAsync).RequireAuthorization(PlatformPolicies.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
