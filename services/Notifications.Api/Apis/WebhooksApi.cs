using Notifications.Api.Webhooks;
using NotificationAspire.Contracts;

namespace Notifications.Api.Apis;

/// <summary>The status webhook routes: a sender's own endpoints, each call under the sender policy.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks/endpoints").WithTags("Webhooks");
        api.MapPost("/", WebhookEndpoints.RegisterAsync).RequireAuthorization(PlatformPolicies.Sender)
            .Accepts<RegisterWebhookEndpoint>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", WebhookEndpoints.ListMineAsync).RequireAuthorization(PlatformPolicies.Sender);
        api.MapGet("/{id:guid}", WebhookEndpoints.GetMineAsync).RequireAuthorization(PlatformPolicies.Sender);
        api.MapDelete("/{id:guid}", WebhookEndpoints.DeleteAsync).RequireAuthorization(PlatformPolicies.Sender);
        api.MapPost("/{id:guid}/rotate-secret", WebhookEndpoints.RotateSecretAsync).RequireAuthorization(PlatformPolicies.Sender);
        api.MapGet("/{id:guid}/messages", WebhookEndpoints.ListMessagesAsync).RequireAuthorization(PlatformPolicies.Sender);
        return app;
    }
}
