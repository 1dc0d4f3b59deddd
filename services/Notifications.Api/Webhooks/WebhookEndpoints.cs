using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Webhooks;

namespace Notifications.Api.Webhooks;

/// <summary>
/// A sender's status webhook endpoints: register (the secret is shown once), list, delete, rotate the secret, and
/// see what was sent. Always the caller's own: someone else's endpoint is a 404, so its existence does not leak.
/// </summary>
public static class WebhookEndpoints
{
    public sealed record EndpointView(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt,
        DateTimeOffset? DisabledAt, string? DisabledReason, DateTimeOffset? PreviousSecretExpiresAt);

    /// <summary>The only answers that carry the secret: registration and rotation.</summary>
    public sealed record EndpointWithSecret(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret,
        DateTimeOffset? PreviousSecretExpiresAt);

    public sealed record MessageView(string Id, string Type, Guid NotificationId, string State, int Attempts, DateTimeOffset CreatedAt,
        DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? LastError);

    public const int MaxMessagesListed = 100;

    public static async Task<Results<Created<EndpointWithSecret>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest http, ClaimsPrincipal user, NotificationsDbContext db, IOptions<WebhookOptions> options, SsrfGuard guard,
        TimeProvider time, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<RegisterWebhookEndpoint>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = WebhookEndpointValidator.Validate(body.Value!, options.Value, guard);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var senderId = user.SenderId();
        if (await db.WebhookEndpoints.CountAsync(e => e.SenderId == senderId, ct) >= options.Value.MaxEndpointsPerSender)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many webhook endpoints",
                detail: $"A sender may register at most {options.Value.MaxEndpointsPerSender} endpoints; delete one first.",
                extensions: new Dictionary<string, object?> { ["field"] = "url" });
        }
        var secret = WebhookSecret.New();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            SenderId = senderId,
            Url = body.Value!.Url!,
            Events = [.. body.Value.Events!.Select(e => e!)],
            Secret = secret.ToString(),
            CreatedAt = time.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/endpoints/{endpoint.Id}",
            new EndpointWithSecret(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.CreatedAt, endpoint.Secret, null));
    }

    public static async Task<Ok<List<EndpointView>>> ListMineAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var senderId = user.SenderId();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.SenderId == senderId).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(endpoints.Select(e => new EndpointView(e.Id, e.Url, e.Events, e.CreatedAt, e.DisabledAt, e.DisabledReason,
            e.PreviousSecretExpiresAt)).ToList());
    }

    public static async Task<Results<Ok<EndpointView>, NotFound>> GetMineAsync(Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var senderId = user.SenderId();
        return await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.SenderId == senderId, ct) is { } e
            ? TypedResults.Ok(new EndpointView(e.Id, e.Url, e.Events, e.CreatedAt, e.DisabledAt, e.DisabledReason, e.PreviousSecretExpiresAt))
            : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        var senderId = user.SenderId();
        var deleted = await db.WebhookEndpoints.Where(e => e.Id == id && e.SenderId == senderId).ExecuteDeleteAsync(ct);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<EndpointWithSecret>, NotFound>> RotateSecretAsync(Guid id, ClaimsPrincipal user, NotificationsDbContext db,
        IOptions<WebhookOptions> options, TimeProvider time, CancellationToken ct)
    {
        var senderId = user.SenderId();
        if (await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id && e.SenderId == senderId, ct) is not { } endpoint)
        {
            return TypedResults.NotFound();
        }
        var secret = endpoint.RotateSecret(time.GetUtcNow(), options.Value.SecretRotationOverlap);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new EndpointWithSecret(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.CreatedAt, secret.ToString(),
            endpoint.PreviousSecretExpiresAt));
    }

    /// <summary>The latest messages for one endpoint, newest first: what was sent, how often, and why not.</summary>
    public static async Task<Results<Ok<List<MessageView>>, NotFound>> ListMessagesAsync(Guid id, ClaimsPrincipal user, NotificationsDbContext db,
        CancellationToken ct)
    {
        var senderId = user.SenderId();
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id && e.SenderId == senderId, ct))
        {
            return TypedResults.NotFound();
        }
        var messages = await db.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == id)
            .OrderByDescending(m => m.CreatedAt).Take(MaxMessagesListed).ToListAsync(ct);
        return TypedResults.Ok(messages.Select(m => new MessageView(m.Id, m.EventType, m.NotificationId, m.State.ToString(), m.Attempts, m.CreatedAt,
            m.LastAttemptAt, m.State == WebhookMessageState.Pending ? m.NextAttemptAt : null, m.DeliveredAt, m.LastError)).ToList());
    }
}
