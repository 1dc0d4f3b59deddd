using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Notifications.Api.Data;
using Notifications.Api.Model;
using NotificationAspire.Contracts;
using Npgsql;

namespace Notifications.Api.Topics;

/// <summary>Senders create, list, read and delete topics; a topic is deleted only by whoever created it, or an operator.</summary>
public static class TopicEndpoints
{
    public static async Task<Results<Created<TopicView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest http, ClaimsPrincipal user, NotificationsDbContext db, TimeProvider time, CancellationToken ct)
    {
        var body = await RequestBodyReader.ReadAsync<CreateTopicRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var errors = new FieldErrors();
        TopicRules.ValidateCreate(body.Value!, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        var topic = new Topic { Key = body.Value!.Key!, Name = body.Value.Name!.Trim(), CreatedBy = user.SenderId(), CreatedAt = time.GetUtcNow() };
        db.Topics.Add(topic);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Topic exists",
                detail: $"A topic with the key '{topic.Key}' exists already.", extensions: new Dictionary<string, object?> { ["field"] = "key" });
        }
        return TypedResults.Created($"/api/topics/{topic.Key}", new TopicView(topic.Key, topic.Name, topic.CreatedBy, topic.CreatedAt, 0));
    }

    public static async Task<Ok<List<TopicView>>> ListAsync(NotificationsDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Views(db, db.Topics.OrderBy(t => t.Key)).ToListAsync(ct));

    public static async Task<Results<Ok<TopicView>, ProblemHttpResult>> GetAsync(string key, NotificationsDbContext db, CancellationToken ct) =>
        await Views(db, db.Topics.Where(t => t.Key == key)).FirstOrDefaultAsync(ct) is { } topic ? TypedResults.Ok(topic) : Unknown(key);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string key, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken ct)
    {
        if (await db.Topics.FirstOrDefaultAsync(t => t.Key == key, ct) is not { } topic)
        {
            return Unknown(key);
        }
        if (topic.CreatedBy != user.SenderId() && !user.IsInRole(PlatformRoles.Admin))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your topic",
                detail: $"Topic '{key}' was created by '{topic.CreatedBy}'; only its creator or an operator deletes it.");
        }
        // Its subscriptions go with it (cascade). A fan-out still running for it finds nobody more and completes.
        db.Topics.Remove(topic);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>404 as a problem naming the topic, for every route under `/api/topics/{key}` and `/api/me/topics/{key}`.</summary>
    public static ProblemHttpResult Unknown(string key) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Unknown topic", detail: $"There is no topic '{key}'. GET /api/topics lists them.",
        extensions: new Dictionary<string, object?> { ["field"] = "key" });

    // Filtered and ordered before the projection: EF cannot translate a condition on a constructed record.
    private static IQueryable<TopicView> Views(NotificationsDbContext db, IQueryable<Topic> topics) => topics.AsNoTracking()
        .Select(t => new TopicView(t.Key, t.Name, t.CreatedBy, t.CreatedAt, db.TopicSubscriptions.Count(s => s.TopicKey == t.Key)));
}
