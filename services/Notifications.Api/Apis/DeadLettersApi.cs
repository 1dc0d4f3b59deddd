using Notifications.Api.DeadLetters;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>Operators (`notifications.admin`) list dead letters, see why, and replay them.</summary>
public static class DeadLettersApi
{
    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dead-letters").WithTags("Dead letters").RequireAuthorization(PlatformPolicies.Admin);
        api.MapGet("/", DeadLetterEndpoints.ListAsync).ProducesProblem(StatusCodes.Status400BadRequest); // a query value that does not bind
        api.MapGet("/{id}", DeadLetterEndpoints.GetAsync);
        api.MapPost("/{id}/replay", DeadLetterEndpoints.ReplayAsync).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/replay", DeadLetterEndpoints.ReplayAllAsync);
        return app;
    }
}
