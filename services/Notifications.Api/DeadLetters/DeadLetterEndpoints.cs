using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts.Events;

namespace Notifications.Api.DeadLetters;

/// <summary>The dead-letter handlers: list, look at one, replay one or all (routes in Apis/DeadLettersApi).</summary>
public static class DeadLetterEndpoints
{
    public static async Task<Ok<List<DeadLetterView>>> ListAsync(NotificationsDbContext db, bool? replayed, Guid? notificationId, int? take, CancellationToken ct)
    {
        var query = db.DeadLetters.AsNoTracking();
        if (replayed is { } wanted)
        {
            query = wanted ? query.Where(d => d.ReplayedAt != null) : query.Where(d => d.ReplayedAt == null);
        }
        if (notificationId is { } id)
        {
            query = query.Where(d => d.NotificationId == id);
        }
        var letters = await query.OrderByDescending(d => d.DeadLetteredAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(letters.Select(DeadLetterView.From).ToList());
    }

    public static async Task<Results<Ok<DeadLetterView>, NotFound>> GetAsync(string id, NotificationsDbContext db, CancellationToken ct) =>
        await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) is { } letter
            ? TypedResults.Ok(DeadLetterView.From(letter))
            : TypedResults.NotFound();

    public static async Task<Results<Accepted<ReplayResult>, Ok<ReplayResult>, NotFound, ProblemHttpResult>> ReplayAsync(
        string id, ClaimsPrincipal user, NotificationsDbContext db, DeadLetterReplay replay, CancellationToken ct)
    {
        if (await db.DeadLetters.FirstOrDefaultAsync(d => d.Id == id, ct) is not { } letter)
        {
            return TypedResults.NotFound();
        }
        return await replay.ReplayAsync(letter, user.SenderId(), ct) switch
        {
            DeadLetterReplay.Outcome.Replayed => TypedResults.Accepted($"/api/dead-letters/{id}", new ReplayResult(1)),
            DeadLetterReplay.Outcome.AlreadyReplayed => TypedResults.Ok(new ReplayResult(0)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not replayable",
                detail: "This dead letter is not a delivery record the worker can act on; see its reason."),
        };
    }

    public static async Task<Ok<ReplayResult>> ReplayAllAsync(ClaimsPrincipal user, DeadLetterReplay replay, CancellationToken ct) =>
        TypedResults.Ok(new ReplayResult(await replay.ReplayAllAsync(user.SenderId(), ct)));
}

public sealed record ReplayResult(int Replayed);

public sealed record DeadLetterView(
    string Id, string DeliveryKey, Guid? NotificationId, string? RecipientUserId, string? Channel, string Reason,
    IReadOnlyList<AttemptRecord> Attempts, DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt, string? ReplayedBy)
{
    public static DeadLetterView From(DeadLetter d) => new(d.Id, d.DeliveryKey, d.NotificationId, d.RecipientUserId, d.Channel,
        d.Reason, JsonSerializer.Deserialize<List<AttemptRecord>>(d.AttemptsJson, NotificationAspire.Messaging.EventEnvelope.JsonOptions) ?? [],
        d.DeadLetteredAt, d.ReplayedAt, d.ReplayedBy);
}
