using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Http;

namespace Preferences.Api.Recipients;

/// <summary>A person reads their own profile and chooses their language and time zone (the token's `sub` is who they are).</summary>
public static class OwnProfileEndpoints
{
    public static async Task<Results<Ok<OwnProfileView>, ForbidHttpResult>> GetAsync(ClaimsPrincipal user, RecipientDirectory directory, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await directory.FindAsync(userId, ct) is { } profile ? OwnProfileView.From(profile) : OwnProfileView.Unknown(userId));
    }

    /// <summary>Both fields are replaced (PUT): one left out or null goes back to the platform's default.</summary>
    public static async Task<Results<Ok<OwnProfileView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> PutAsync(
        ClaimsPrincipal user, HttpRequest http, RecipientDirectory directory, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var body = await RequestBodyReader.ReadAsync<OwnProfileRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        var (locale, timeZone) = RecipientRules.NormalizeLanguageAndZone(body.Value!.Locale, body.Value.TimeZone, "", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        return TypedResults.Ok(OwnProfileView.From(await directory.SetLanguageAndZoneAsync(userId, locale, timeZone, ct)));
    }
}
