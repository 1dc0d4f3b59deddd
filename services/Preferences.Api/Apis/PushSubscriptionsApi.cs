using NotificationAspire.Contracts;
using Preferences.Api.PushSubscriptions;

namespace Preferences.Api.Apis;

/// <summary>Web push subscriptions: a person's own through `/api/me`, anyone's for services and operators, and the worker's report of a gone one.</summary>
public static class PushSubscriptionsApi
{
    public static IEndpointRouteBuilder MapPushSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        // 403 on /api/me: a token without a usable subject, which names no person.
        var mine = app.MapGroup("/api/me/push-subscriptions").WithTags("Push subscriptions").ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", PushSubscriptionEndpoints.ListMineAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        mine.MapGet("/application-server-key", ApplicationServerKey.Get).RequireAuthorization(PlatformPolicies.Authenticated)
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/", PushSubscriptionEndpoints.RegisterMineAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Accepts<PushSubscriptionRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        mine.MapDelete("/{id:guid}", PushSubscriptionEndpoints.RemoveMineAsync).RequireAuthorization(PlatformPolicies.Authenticated);

        var anyone = app.MapGroup("/api/recipients/{userId}/push-subscriptions").WithTags("Push subscriptions");
        anyone.MapGet("/", PushSubscriptionEndpoints.ListForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        anyone.MapPost("/", PushSubscriptionEndpoints.RegisterForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter)
            .Accepts<PushSubscriptionRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        anyone.MapDelete("/{id:guid}", PushSubscriptionEndpoints.RemoveForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        // The reader of delivery profiles (the worker) is who hears a push service's 404/410; it may only remove.
        anyone.MapPost("/{id:guid}/gone", PushSubscriptionEndpoints.ReportGoneAsync).RequireAuthorization(PlatformPolicies.RecipientReader);
        return app;
    }
}
