using NotificationAspire.Contracts;
using Preferences.Api.WebhookEndpoints;

namespace Preferences.Api.Apis;

/// <summary>Webhook endpoints of the `webhook` channel: a person's own through `/api/me`, anyone's for services and operators, and the worker's report of a gone one.</summary>
public static class WebhookEndpointsApi
{
    public static IEndpointRouteBuilder MapWebhookEndpointsApi(this IEndpointRouteBuilder app)
    {
        // 403 on /api/me: a token without a usable subject, which names no person.
        var mine = app.MapGroup("/api/me/webhook-endpoints").WithTags("Webhook endpoints").ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", WebhookEndpointHandlers.ListMineAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        mine.MapPost("/", WebhookEndpointHandlers.RegisterMineAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Accepts<WebhookEndpointRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        mine.MapDelete("/{id:guid}", WebhookEndpointHandlers.RemoveMineAsync).RequireAuthorization(PlatformPolicies.Authenticated);

        var anyone = app.MapGroup("/api/recipients/{userId}/webhook-endpoints").WithTags("Webhook endpoints");
        anyone.MapGet("/", WebhookEndpointHandlers.ListForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        anyone.MapPost("/", WebhookEndpointHandlers.RegisterForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter)
            .Accepts<WebhookEndpointRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        anyone.MapDelete("/{id:guid}", WebhookEndpointHandlers.RemoveForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        // The reader of delivery profiles (the worker) is who hears a receiver's 410; it may only disable.
        anyone.MapPost("/{id:guid}/gone", WebhookEndpointHandlers.ReportGoneAsync).RequireAuthorization(PlatformPolicies.RecipientReader);
        return app;
    }
}
