using NotificationAspire.Contracts;
using Preferences.Api.DeliveryProfiles;
using Preferences.Api.Recipients;

namespace Preferences.Api.Apis;

/// <summary>Recipient profiles, written by services that know people and read by the delivery worker.</summary>
public static class RecipientsApi
{
    public static IEndpointRouteBuilder MapRecipientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/recipients").WithTags("Recipients");
        api.MapPut("/{userId}", RecipientEndpoints.UpsertAsync).RequireAuthorization(PlatformPolicies.RecipientWriter)
            .Accepts<RecipientRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/bulk", RecipientEndpoints.UpsertBulkAsync).RequireAuthorization(PlatformPolicies.RecipientWriter)
            .Accepts<BulkRecipientsRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{userId}", RecipientEndpoints.GetAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        api.MapDelete("/{userId}", RecipientEndpoints.EraseAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        api.MapGet("/{userId}/delivery-profile", DeliveryProfileQuery.GetAsync).RequireAuthorization(PlatformPolicies.RecipientReader);
        return app;
    }
}
