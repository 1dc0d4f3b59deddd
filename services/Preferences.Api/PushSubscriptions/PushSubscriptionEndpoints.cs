using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using Preferences.Api.Recipients;

namespace Preferences.Api.PushSubscriptions;

/// <summary>
/// A person registers, lists and removes their own browsers' push subscriptions; services and operators do it
/// for anyone; the delivery worker reports one its push service called gone.
/// </summary>
public static class PushSubscriptionEndpoints
{
    public static async Task<Results<Ok<List<PushSubscriptionView>>, ForbidHttpResult>> ListMineAsync(ClaimsPrincipal user, PushSubscriptionStore store, CancellationToken ct) =>
        Person.IdOf(user) is { } userId ? TypedResults.Ok(await ListAsync(userId, store, ct)) : TypedResults.Forbid();

    public static async Task<Results<Created<PushSubscriptionView>, Ok<PushSubscriptionView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterMineAsync(
        ClaimsPrincipal user, HttpRequest http, PushSubscriptionStore store, IHostEnvironment environment, CancellationToken ct) =>
        Person.IdOf(user) is { } userId ? await RegisterAsync(userId, "/api/me/push-subscriptions", http, store, environment, ct) : TypedResults.Forbid();

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> RemoveMineAsync(ClaimsPrincipal user, Guid id, PushSubscriptionStore store, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        return await store.RemoveAsync(userId, id, "removed by the person", ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<List<PushSubscriptionView>>, ValidationProblem>> ListForRecipientAsync(string userId, PushSubscriptionStore store, CancellationToken ct) =>
        RecipientRules.UserIdProblem(userId) is { } problem ? FieldErrors.Single("userId", problem) : TypedResults.Ok(await ListAsync(userId, store, ct));

    public static async Task<Results<Created<PushSubscriptionView>, Ok<PushSubscriptionView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterForRecipientAsync(
        string userId, HttpRequest http, PushSubscriptionStore store, IHostEnvironment environment, CancellationToken ct) =>
        RecipientRules.UserIdProblem(userId) is { } problem
            ? FieldErrors.Single("userId", problem)
            : await RegisterAsync(userId, $"/api/recipients/{Uri.EscapeDataString(userId)}/push-subscriptions", http, store, environment, ct);

    public static async Task<Results<NoContent, NotFound>> RemoveForRecipientAsync(string userId, Guid id, PushSubscriptionStore store, CancellationToken ct) =>
        await store.RemoveAsync(userId, id, "removed by a service or operator", ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>
    /// The worker's report that the push service answered 404 or 410 for this subscription (RFC 8030 §7.3): it
    /// will never deliver again. Idempotent (204 whether or not it was still there): every later send to a
    /// subscription whose removal was lost reports it again.
    /// </summary>
    public static async Task<NoContent> ReportGoneAsync(string userId, Guid id, PushSubscriptionStore store, CancellationToken ct)
    {
        await store.RemoveAsync(userId, id, "the push service answered that it is gone", ct);
        return TypedResults.NoContent();
    }

    private static async Task<List<PushSubscriptionView>> ListAsync(string userId, PushSubscriptionStore store, CancellationToken ct) =>
        [.. (await store.ListAsync(userId, ct)).Select(PushSubscriptionView.From)];

    private static async Task<Results<Created<PushSubscriptionView>, Ok<PushSubscriptionView>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterAsync(
        string userId, string collection, HttpRequest http, PushSubscriptionStore store, IHostEnvironment environment, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<PushSubscriptionRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        // Only a developer's or test machine may register plain http: the push service stand-in listens there.
        if (PushSubscriptionRules.Validate(body.Value!, allowHttp: !environment.IsProduction(), errors) is not { } valid)
        {
            return errors.ToProblem();
        }
        var outcome = await store.RegisterAsync(userId, valid, ct);
        if (outcome.Subscription is not { } subscription)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many push subscriptions",
                detail: $"A person keeps at most {PushSubscriptionLimits.MaxPerPerson} push subscriptions; remove one first.");
        }
        var view = PushSubscriptionView.From(subscription);
        return outcome.Created ? TypedResults.Created($"{collection}/{subscription.Id}", view) : TypedResults.Ok(view);
    }
}
