using NotificationAspire.Contracts;
using Preferences.Api.Preferences;
using Preferences.Api.Recipients;

namespace Preferences.Api.Apis;

/// <summary>Preferences: a person's own through `/api/me` (with their language and zone), anyone's for services and operators.</summary>
public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        // 403 on /api/me: a token without a usable subject, which names no person.
        var mine = app.MapGroup("/api/me/preferences").WithTags("Preferences").ProducesProblem(StatusCodes.Status403Forbidden);
        mine.MapGet("/", PreferenceEndpoints.GetMineAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        mine.MapPut("/", PreferenceEndpoints.PutMineAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Accepts<PreferenceDocument>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        // The person's own language and time zone (contacts are shown, not changed: the services set them).
        var profile = app.MapGroup("/api/me/profile").WithTags("Recipients").ProducesProblem(StatusCodes.Status403Forbidden);
        profile.MapGet("/", OwnProfileEndpoints.GetAsync).RequireAuthorization(PlatformPolicies.Authenticated);
        profile.MapPut("/", OwnProfileEndpoints.PutAsync).RequireAuthorization(PlatformPolicies.Authenticated)
            .Accepts<OwnProfileRequest>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        var anyone = app.MapGroup("/api/recipients/{userId}/preferences").WithTags("Preferences");
        anyone.MapGet("/", PreferenceEndpoints.GetForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter);
        anyone.MapPut("/", PreferenceEndpoints.PutForRecipientAsync).RequireAuthorization(PlatformPolicies.RecipientWriter)
            .Accepts<PreferenceDocument>("application/json").ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }
}
