using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationAspire.Contracts.Recipients;
using NotificationAspire.Http;
using NotificationAspire.Webhooks;
using Preferences.Api.Recipients;

namespace Preferences.Api.WebhookEndpoints;

/// <summary>
/// A person registers, lists and removes the webhook endpoints their notifications are posted to; services and
/// operators do it for anyone; the delivery worker reports one that answered 410 Gone. The signing secret is in
/// the registration's answer only.
/// </summary>
public static class WebhookEndpointHandlers
{
    public const string GoneReason = "The receiver answered 410 Gone.";

    public static async Task<Results<Ok<List<WebhookEndpointView>>, ForbidHttpResult>> ListMineAsync(ClaimsPrincipal user, WebhookEndpointStore store, CancellationToken ct) =>
        Person.IdOf(user) is { } userId ? TypedResults.Ok(await ListAsync(userId, store, ct)) : TypedResults.Forbid();

    public static async Task<Results<Created<RegisteredWebhookEndpoint>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterMineAsync(
        ClaimsPrincipal user, HttpRequest http, WebhookEndpointStore store, WebhookTargetOptions targets, SsrfGuard guard, CancellationToken ct) =>
        Person.IdOf(user) is { } userId ? await RegisterAsync(userId, "/api/me/webhook-endpoints", http, store, targets, guard, ct) : TypedResults.Forbid();

    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> RemoveMineAsync(ClaimsPrincipal user, Guid id, WebhookEndpointStore store, CancellationToken ct)
    {
        if (Person.IdOf(user) is not { } userId)
        {
            return TypedResults.Forbid();
        }
        return await store.RemoveAsync(userId, id, "removed by the person", ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<List<WebhookEndpointView>>, ValidationProblem>> ListForRecipientAsync(string userId, WebhookEndpointStore store, CancellationToken ct) =>
        RecipientRules.UserIdProblem(userId) is { } problem ? FieldErrors.Single("userId", problem) : TypedResults.Ok(await ListAsync(userId, store, ct));

    public static async Task<Results<Created<RegisteredWebhookEndpoint>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterForRecipientAsync(
        string userId, HttpRequest http, WebhookEndpointStore store, WebhookTargetOptions targets, SsrfGuard guard, CancellationToken ct) =>
        RecipientRules.UserIdProblem(userId) is { } problem
            ? FieldErrors.Single("userId", problem)
            : await RegisterAsync(userId, $"/api/recipients/{Uri.EscapeDataString(userId)}/webhook-endpoints", http, store, targets, guard, ct);

    public static async Task<Results<NoContent, NotFound>> RemoveForRecipientAsync(string userId, Guid id, WebhookEndpointStore store, CancellationToken ct) =>
        await store.RemoveAsync(userId, id, "removed by a service or operator", ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>
    /// The worker's report that the endpoint answered 410 Gone (Standard Webhooks: disable it). Idempotent (204
    /// whether or not it was still there or enabled): a report that was lost is made again by the next send.
    /// </summary>
    public static async Task<NoContent> ReportGoneAsync(string userId, Guid id, WebhookEndpointStore store, CancellationToken ct)
    {
        await store.DisableAsync(userId, id, GoneReason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<List<WebhookEndpointView>> ListAsync(string userId, WebhookEndpointStore store, CancellationToken ct) =>
        [.. (await store.ListAsync(userId, ct)).Select(WebhookEndpointView.From)];

    private static async Task<Results<Created<RegisteredWebhookEndpoint>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RegisterAsync(
        string userId, string collection, HttpRequest http, WebhookEndpointStore store, WebhookTargetOptions targets, SsrfGuard guard, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<WebhookEndpointRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        foreach (var problem in WebhookUrl.Problems(body.Value!.Url, targets.AllowPlainHttp, guard))
        {
            errors.Add("url", problem);
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var registration = await store.RegisterAsync(userId, body.Value.Url!, ct);
        if (registration.Endpoint is not { } endpoint)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: registration.LimitReached ? "Too many webhook endpoints" : "Webhook endpoint already registered",
                detail: registration.LimitReached
                    ? $"A person keeps at most {WebhookEndpointLimits.MaxPerPerson} webhook endpoints; remove one first."
                    : "This URL is registered already; its secret is shown only once, so remove it and register it again for a new one.",
                extensions: new Dictionary<string, object?> { ["field"] = "url" });
        }
        return TypedResults.Created($"{collection}/{endpoint.Id}", new RegisteredWebhookEndpoint(endpoint.Id, endpoint.Url, endpoint.CreatedAt, endpoint.Secret));
    }
}
