using Notifications.Api.Cancellation;
using Notifications.Api.Sending;
using Notifications.Api.Status;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>The notifications routes: who may call each one, what it answers. Handlers live in their feature folders.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications");
        // ProblemHttpResult carries no status of its own: the problems each route can answer are declared here.
        api.MapPost("/", SendNotification.HandleAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<SendNotificationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        // 400: a query value that does not bind (take=abc).
        api.MapGet("/", NotificationQueries.ListMineAsync).RequireAuthorization(PlatformPolicies.Sender)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        // Operators and support: any sender's notifications by correlation key, recipient, sender or time (400: until before since).
        api.MapGet("/search", NotificationSearch.SearchAsync).RequireAuthorization(PlatformPolicies.OperationsReader)
            .ProducesValidationProblem();
        api.MapGet("/{id:guid}", NotificationQueries.GetByIdAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        api.MapPost("/{id:guid}/cancel", CancelById.HandleAsync).RequireAuthorization(PlatformPolicies.Sender)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/cancellations", CancelByCorrelation.HandleAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<CancelByCorrelation.Request>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }
}
