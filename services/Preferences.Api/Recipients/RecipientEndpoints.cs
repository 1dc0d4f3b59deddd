using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;

namespace Preferences.Api.Recipients;

/// <summary>Profiles one by one or in bulk, read back, and erased on request.</summary>
public static class RecipientEndpoints
{
    public static async Task<Results<Created<RecipientView>, Ok<RecipientView>, ValidationProblem, ProblemHttpResult>> UpsertAsync(
        string userId, HttpRequest http, RecipientDirectory directory, CancellationToken ct)
    {
        if (RecipientRules.UserIdProblem(userId) is { } problem)
        {
            return FieldErrors.Single("userId", problem);
        }
        var body = await RequestBodyReader.ReadAsync<RecipientRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        var details = RecipientRules.Normalize(body.Value!, "", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var outcome = await directory.UpsertAsync([new RecipientUpsert(userId, details)], ct);
        var view = RecipientView.From(outcome.Profiles[0]);
        return outcome.Created == 1 ? TypedResults.Created($"/api/recipients/{Uri.EscapeDataString(userId)}", view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<BulkUpsertResult>, ValidationProblem, ProblemHttpResult>> UpsertBulkAsync(
        HttpRequest http, RecipientDirectory directory, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<BulkRecipientsRequest>(http, RecipientLimits.MaxBulkBodyBytes, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        if (RecipientRules.NormalizeBulk(body.Value!, errors) is not { } upserts)
        {
            return errors.ToProblem();
        }
        var outcome = await directory.UpsertAsync(upserts, ct);
        return TypedResults.Ok(new BulkUpsertResult(outcome.Created, outcome.Updated));
    }

    public static async Task<Results<Ok<RecipientView>, NotFound>> GetAsync(string userId, RecipientDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(userId, ct) is { } profile ? TypedResults.Ok(RecipientView.From(profile)) : TypedResults.NotFound();

    /// <summary>Idempotent: erasing someone the service never knew, or erasing twice, is the same 204.</summary>
    public static async Task<NoContent> EraseAsync(string userId, RecipientDirectory directory, CancellationToken ct)
    {
        await directory.EraseAsync(userId, ct);
        return TypedResults.NoContent();
    }
}
