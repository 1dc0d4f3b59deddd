using Notifications.Api.DeadLetters;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>Operators (`notifications.admin`) list dead letters, see why, and replay them; support only looks.</summary>
public static class DeadLettersApi
{
    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dead-letters").WithTags("Dead letters");
        api.MapGet("/", DeadLetterEndpoints.ListAsync).RequireAuthorization(PlatformPolicies.OperationsReader).ProducesProblem(StatusCodes.Status400BadRequest); // a query value that does not bind
        api.MapGet("/{id}", DeadLetterEndpoints.GetAsync).RequireAuthorization(PlatformPolicies.OperationsReader);
        api.MapPost("/{id}/replay", DeadLetterEndpoints.ReplayAsync).RequireAuthorization(PlatformPolicies.Admin)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/replay", DeadLetterEndpoints.ReplayAllAsync).RequireAuthorization(PlatformPolicies.Admin);
        return app;
    }
}
