using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Notifications.Api.Model;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;
using NotificationAspire.Contracts.Recipients;
using Notifications.Api.Templates;
using Notifications.Api.Topics;
using Notifications.Api.Data;

namespace Notifications.Api.Sending;

/// <summary>`POST /api/notifications`: validate, store with its outbox event, answer 202.</summary>
public static class SendNotification
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<Results<Accepted<NotificationAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        HttpRequest http, ClaimsPrincipal user, NotificationAcceptance acceptance, TemplateStore templates, NotificationsDbContext db,
        TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var idempotencyKey = http.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > SendNotificationValidator.MaxKeyLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = [$"At most {SendNotificationValidator.MaxKeyLength} characters."],
            });
        }

        var body = await RequestBodyReader.ReadAsync<SendNotificationRequest>(http, ct);
        if (body.Invalid is { } invalid)
        {
            return invalid;
        }
        if (body.Refused is { } refused)
        {
            return refused;
        }
        var request = body.Value!;
        var (senderId, key) = (user.SenderId(), NullIfEmpty(idempotencyKey));
        if (await acceptance.EarlierAsync(senderId, key, RequestFingerprint.Of(request), ct) is { } earlier)
        {
            return Answer(earlier, loggers);
        }
        var template = request.TemplateKey is { Length: <= SendNotificationValidator.MaxKeyLength } templateKey
            ? await templates.LookUpAsync(templateKey, request.TemplateVersion is >= 1 ? request.TemplateVersion : null, ct)
            : null;
        var digestTemplate = request.Digest?.TemplateKey is { Length: <= SendNotificationValidator.MaxKeyLength } digestTemplateKey
            ? await templates.LookUpAsync(digestTemplateKey, null, ct)
            : null;
        var now = time.GetUtcNow();
        var errors = SendNotificationValidator.Validate(request, template, now, digestTemplate);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (request.Topics is { } topics && await TopicSendCheck.UnknownAsync(db, topics, ct) is { Count: > 0 } unknownTopics)
        {
            return TypedResults.ValidationProblem(unknownTopics);
        }
        // After validation, so a malformed category is a 400 naming the field rather than a refusal of it.
        if (CategoryGrants.Refusal(user, request.Category ?? NotificationCategories.General) is { } refusal)
        {
            return refusal;
        }

        var notification = NewNotification(request, senderId, key, template?.Found, now);
        // Not stored with the notification: a re-drive sends without it (docs/guarantees.md, Digests).
        var digest = DigestRules.Parse(request.Digest, digestTemplate, (_, _) => { });
        return Answer(await acceptance.AcceptAsync(notification, template?.Found?.ToContent(), request.Topics, digest, ct), loggers);
    }

    private static Results<Accepted<NotificationAccepted>, ValidationProblem, ProblemHttpResult> Answer(AcceptanceResult result, ILoggerFactory loggers)
    {
        switch (result)
        {
            case AcceptanceResult.Accepted(var accepted):
                loggers.CreateLogger(typeof(SendNotification)).LogInformation(
                    "Notification {NotificationId} accepted from {SenderId} for {RecipientCount} recipient(s)",
                    accepted.Id, accepted.SenderId, accepted.Recipients.Count);
                return TypedResults.Accepted($"/api/notifications/{accepted.Id}", new NotificationAccepted(accepted.Id, accepted.Status.ToString()));
            case AcceptanceResult.KeyConflict(var existingId):
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused with a different request",
                    detail: $"This key was first used for notification {existingId} with a different body. Use a new key for a new notification.",
                    extensions: new Dictionary<string, object?> { ["field"] = IdempotencyKeyHeader });
            default:
                throw new InvalidOperationException($"Unexpected acceptance result {result}.");
        }
    }

    /// <param name="template">The version the send pins; the worker renders it per recipient, so Subject and Body stay null.</param>
    private static Notification NewNotification(SendNotificationRequest request, string senderId, string? idempotencyKey,
        TemplateVersion? template, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        // Validated already; parsed again rather than carried, so the validator stays a plain list of errors.
        var sendTime = SendTimeRules.Parse(request.SendAt, request.SendAtLocal, now, (_, _) => { });
        return new Notification
        {
            Id = id,
            SenderId = senderId,
            Channel = request.Channel,
            Channels = request.Channels is { } channels ? [.. channels] : null,
            Strategy = request.Channels is null ? null : request.Strategy ?? ChannelStrategies.FirstSuccess,
            Category = request.Category ?? NotificationCategories.General,
            Subject = request.Subject,
            Body = request.Body,
            TemplateKey = template?.TemplateKey,
            TemplateVersion = template?.Version,
            TemplateDataJson = request.TemplateData?.ToJsonString(),
            CorrelationKey = request.CorrelationKey,
            SendAt = sendTime?.At,
            SendAtLocal = sendTime?.Local,
            DueBy = sendTime?.LatestInstant,
            IdempotencyKey = idempotencyKey,
            RequestHash = RequestFingerprint.Of(request),
            Status = NotificationStatus.Accepted,
            CreatedAt = now,
            UpdatedAt = now,
            Recipients = (request.Recipients ?? []).Select(r => new NotificationRecipient
            {
                NotificationId = id,
                UserId = r.UserId!,
                Contact = r.Contact?.Trim(),
            }).ToList(),
        };
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
