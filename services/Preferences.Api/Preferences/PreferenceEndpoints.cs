using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Http;
using Preferences.Api.Recipients;

namespace Preferences.Api.Preferences;

/// <summary>A person reads and changes their own preferences; services and operators do it for anyone.</summary>
public static class PreferenceEndpoints
{
    public static async Task<Results<Ok<PreferenceDocument>, ForbidHttpResult>> GetMineAsync(ClaimsPrincipal user, PreferenceStore store, CancellationToken ct) =>
        Person.IdOf(user) is { } userId ? TypedResults.Ok(PreferenceDocument.From(await store.GetAsync(userId, ct))) : TypedResults.Forbid();

    public static async Task<Results<Ok<PreferenceDocument>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> PutMineAsync(
        ClaimsPrincipal user, HttpRequest http, PreferenceStore store, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        var read = await ReadAsync(http, store, ct);
        if (read.Invalid is { } invalid)
        {
            return invalid;
        }
        return read.Refused is { } refused ? refused : await SaveAsync(userId, read.Value!, store, ct);
    }

    public static async Task<Results<Ok<PreferenceDocument>, ValidationProblem>> GetForRecipientAsync(string userId, PreferenceStore store, CancellationToken ct) =>
        RecipientRules.UserIdProblem(userId) is { } problem
            ? FieldErrors.Single("userId", problem)
            : TypedResults.Ok(PreferenceDocument.From(await store.GetAsync(userId, ct)));

    public static async Task<Results<Ok<PreferenceDocument>, ValidationProblem, ProblemHttpResult>> PutForRecipientAsync(
        string userId, HttpRequest http, PreferenceStore store, CancellationToken ct)
    {
        if (RecipientRules.UserIdProblem(userId) is { } problem)
        {
            return FieldErrors.Single("userId", problem);
        }
        var read = await ReadAsync(http, store, ct);
        if (read.Invalid is { } invalid)
        {
            return invalid;
        }
        return read.Refused is { } refused ? refused : await SaveAsync(userId, read.Value!, store, ct);
    }

    /// <summary>The body as a valid preference set, or the 4xx saying why not.</summary>
    private static async Task<BodyRead<PreferenceSet>> ReadAsync(HttpRequest http, PreferenceStore store, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<PreferenceDocument>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        return PreferenceRules.Validate(body.Value!, await store.CategoryKeysAsync(ct), errors) is { } set ? set : errors.ToProblem();
    }

    private static async Task<Ok<PreferenceDocument>> SaveAsync(string userId, PreferenceSet set, PreferenceStore store, CancellationToken ct)
    {
        await store.ReplaceAsync(userId, set, ct);
        return TypedResults.Ok(PreferenceDocument.From(set));
    }
}
